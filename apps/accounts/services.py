from django.contrib.auth import logout
from django.db import transaction

from .models import User, calendar_token_new


@transaction.atomic
def user_delete(*, user: User, request=None) -> None:
    """Delete the account and, through the foreign keys, the personal data hanging off it (个人信息保护法)."""
    if request is not None:
        logout(request)
    user.delete()


def calendar_token_renew(*, user: User) -> str:
    """A new private calendar link; the old one stops working at once."""
    user.calendar_token = calendar_token_new()
    user.save(update_fields=["calendar_token"])
    return user.calendar_token
