"""Writes of the hubs pillar. Views, the admin and the seed all go through these functions."""

from .consultations import consultation_meeting_sync, consultation_sync
from .projects import project_sync
from .reports import (
    hide_reason_clean,
    report_confirm,
    report_hide,
    report_phone_reveal,
    report_photo_hide,
    report_photo_show,
    report_reopen,
    report_submit,
    report_submitter_check,
    report_transition,
    report_unhide,
)

__all__ = [
    "consultation_meeting_sync",
    "consultation_sync",
    "hide_reason_clean",
    "project_sync",
    "report_confirm",
    "report_hide",
    "report_phone_reveal",
    "report_photo_hide",
    "report_photo_show",
    "report_reopen",
    "report_submit",
    "report_submitter_check",
    "report_transition",
    "report_unhide",
]
