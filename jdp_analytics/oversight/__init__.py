"""Oversight: what the Auditor-General and the Controller of Budget say of county governments and what the county
assemblies do with it; for now the statements the press reported (partial, never a series)."""
