from .consultations import Consultation, ConsultationMeeting, Participant
from .hubs import Hub, HubPhoto, Service
from .projects import Milestone, Project, ProjectPhoto
from .reports import Category, Report, ReportEvent, ReportPhoto

__all__ = [
    "Category",
    "Consultation",
    "ConsultationMeeting",
    "Hub",
    "HubPhoto",
    "Milestone",
    "Participant",
    "Project",
    "ProjectPhoto",
    "Report",
    "ReportEvent",
    "ReportPhoto",
    "Service",
]
