"""The governance and service-delivery assessment: the framework, each county's scores per round, and what changed."""
