from django.core.exceptions import ValidationError
from django.db import transaction

from ..lifecycle import STAFF, Status, move_allowed
from ..models import Project
from .reports import report_transition


@transaction.atomic
def project_sync(*, project: Project, actor) -> list[str]:
    """Move linked reports along with the project: "实施中" when work starts, "已完成" when it is done.
    Returns references of linked reports that could not follow."""
    project.full_clean()
    if project.status == Project.Status.PLANNED:
        return []
    steps = [Status.IN_PROGRESS]
    if project.status == Project.Status.DONE:
        steps.append(Status.COMPLETED)
    messages = {
        Status.IN_PROGRESS: f"民生工程“{project.title}”已开工。",
        Status.COMPLETED: f"民生工程“{project.title}”已完工。",
    }
    skipped = []
    for report in project.reports.select_related("hub", "reporter"):
        for target in steps:
            if move_allowed(report.status, target, by=STAFF):
                try:
                    report_transition(report=report, to_status=target, actor=actor, public_message=messages[target])
                except ValidationError:
                    skipped.append(report.reference)
                    break
        if report.status not in steps and report.status != Status.CONFIRMED:
            skipped.append(report.reference)
    return skipped
