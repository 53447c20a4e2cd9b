from . import hubs, reports, work  # noqa: F401 - registers the ModelAdmins
