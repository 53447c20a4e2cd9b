"""A sign-up by phone, end to end: the form queues the code, the task worker sends it to the (fake) provider,
the resident types the code the provider received, the phone is verified."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from apps.accounts.models import User
from tests.core.sms_fakes import FakeAliyun, FakeTencent, fake_provider
from tests.core.test_sms_providers import provider_settings

pytestmark = pytest.mark.django_db(transaction=True)  # the worker closes its connection when done


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.parametrize(("name", "fake"), [("aliyun", FakeAliyun), ("tencent", FakeTencent)])
def test_signup_by_phone_works_through_the_worker_and_the_provider(
    name, fake, client, settings, database_tasks, django_capture_on_commit_callbacks
):
    with fake_provider(fake) as (endpoint, received):
        provider_settings(settings, name, endpoint)
        data = {"phone": "139 1234 0001", "password1": "a-long-test-password-42", "consent": "on"}
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("account_signup"), data)
        assert response.status_code == 302
        assert received == []  # queued, not sent by the request
        assert DBTaskResult.objects.filter(status="READY").count() == 1

        call_command("db_worker", "--batch", "--no-startup-delay")

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    (request,) = received
    if name == "aliyun":
        assert request["PhoneNumbers"] == "13912340001"
        code = json.loads(request["TemplateParam"])["code"]
    else:
        assert request["PhoneNumberSet"] == ["+8613912340001"]
        (code,) = request["TemplateParamSet"]
    response = client.post(response["Location"], {"code": code})
    assert response.status_code == 302
    assert User.objects.get(phone="+8613912340001").phone_verified
