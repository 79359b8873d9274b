"""Alembic migrations of the scenario store (run programmatically by posture.store; no alembic.ini)."""
