from .profiles import Pioneer
from .teams import Team, VolunteerActivity

__all__ = ["Pioneer", "Team", "VolunteerActivity"]
