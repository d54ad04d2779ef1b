"""Office wing, supervision (督办): items and their procedure, urge notices and reports.

Wing: office/supervision. Must not import screens, widgets, app, cli, care or demo.
"""
