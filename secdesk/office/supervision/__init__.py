"""Office wing, supervision (督办): items and their procedure, urge notices and reports."""
