"""Wing ``calendar``: time as the office counts it.

The clock (UTC stored, local shown), China's working days and 调休, the State Council
holiday notice reader, named time limits and their legal sources (``rules``), deadline
arithmetic (``deadlines``) and times typed as people say them (``timeparse``).

Pure: imports neither ``services`` nor ``office`` nor the database; models, kinds and
every wing above may import it.
"""
