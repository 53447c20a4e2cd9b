"""The audit trail (网络安全法 Art. 21): who logged in or failed to, changed credentials or MFA, revealed or
exported personal data, or deleted an account — kept append-only for at least 180 days.

Record with `apps.core.audit.services.audit_record()`; `manage.py audit_prune` deletes rows older than
`AUDIT_RETENTION_DAYS`. Login, logout, password and MFA events come from signals (`receivers.py`).
"""
