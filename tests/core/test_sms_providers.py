"""Real SMS providers' senders against local fakes of their endpoints (tests/core/sms_fakes.py)."""

import json
import logging
import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.tasks import TaskResultStatus

from apps.core.messaging import sms_enqueue, sms_send
from apps.core.sms.aliyun import AliyunSmsSender
from apps.core.sms.catalogue import SMS_TEMPLATES, SmsMessage
from apps.core.sms.checks import sms_sender_check, sms_sender_check_or_raise
from apps.core.sms.providers import SmsRejected, SmsUnavailable
from apps.core.sms.tencent import TencentSmsSender
from tests.core.sms_fakes import SECRET_ID, SECRET_KEY, FakeAliyun, FakeTencent, fake_provider

PROVIDERS = {
    "aliyun": (AliyunSmsSender, FakeAliyun, "apps.core.sms.aliyun.AliyunSmsSender"),
    "tencent": (TencentSmsSender, FakeTencent, "apps.core.sms.tencent.TencentSmsSender"),
}


def provider_settings(settings, name: str, endpoint: str, **changes) -> None:
    """Point SMS_SENDER at a provider with a complete account and every template filed (IDs T-<key>)."""
    settings.SMS_SENDER = PROVIDERS[name][2]
    settings.SMS_PROVIDER = {
        "ACCESS_KEY_ID": SECRET_ID,
        "ACCESS_KEY_SECRET": SECRET_KEY,
        "SIGN_NAME": "红岭+",
        "TEMPLATE_IDS": ",".join(f"{key}=T-{key}" for key in SMS_TEMPLATES),
        "APP_ID": "1400000001",
        "REGION": "",
        "ENDPOINT": endpoint,
        "TIMEOUT": 2.0,
    } | changes


def code_message(phone="+8613912340001") -> SmsMessage:
    return SmsMessage(phone=phone, template="verification_code", params={"code": "482913"}, text="【红岭+】…482913…")


@pytest.fixture(params=sorted(PROVIDERS))
def provider(request, settings):
    """(name, sender class, requests received by the fake) with SMS_SENDER pointing at the running fake."""
    name = request.param
    sender_class, fake, _ = PROVIDERS[name]
    with fake_provider(fake, slow_seconds=3.0) as (endpoint, received):
        provider_settings(settings, name, endpoint)
        yield name, sender_class, received


def test_a_code_is_sent_as_the_template_with_its_parameter_and_a_valid_signature(provider):
    name, sender_class, received = provider
    assert sender_class().send(code_message())
    (request,) = received
    if name == "aliyun":
        assert request["PhoneNumbers"] == "13912340001"
        assert request["TemplateCode"] == "T-verification_code" and request["SignName"] == "红岭+"
        assert json.loads(request["TemplateParam"]) == {"code": "482913"}
    else:
        assert request["PhoneNumberSet"] == ["+8613912340001"] and request["SmsSdkAppId"] == "1400000001"
        assert request["TemplateId"] == "T-verification_code" and request["TemplateParamSet"] == ["482913"]


def test_tencent_parameters_follow_the_order_of_the_template(settings):
    with fake_provider(FakeTencent) as (endpoint, received):
        provider_settings(settings, "tencent", endpoint)
        params = {"place": "连心广场", "link": "https://h.cn/r/E1", "title": "讲习夜校", "when": "12月05日 19:30"}
        TencentSmsSender().send(SmsMessage(phone="+8613912340001", template="registration_confirmed", params=params))
    assert received[0]["TemplateParamSet"] == ["讲习夜校", "12月05日 19:30", "连心广场", "https://h.cn/r/E1"]


def test_a_wrong_secret_is_refused_and_not_worth_retrying(provider, settings):
    _, sender_class, _ = provider
    settings.SMS_PROVIDER = settings.SMS_PROVIDER | {"ACCESS_KEY_SECRET": "a-wrong-secret"}
    with pytest.raises(SmsRejected) as refused:
        sender_class().send(code_message())
    assert not refused.value.retryable
    assert refused.value.code in {"SignatureDoesNotMatch", "AuthFailure.SignatureFailure"}


def test_a_rate_limit_is_worth_retrying_and_its_message_carries_no_number(provider):
    _, sender_class, _ = provider
    with pytest.raises(SmsUnavailable) as limited:
        sender_class().send(code_message("+8613912340429"))
    assert limited.value.retryable
    assert "13912340429" not in str(limited.value)


def test_a_template_the_provider_refuses_is_not_worth_retrying(provider, settings):
    _, sender_class, _ = provider
    ids = settings.SMS_PROVIDER["TEMPLATE_IDS"].replace(
        "verification_code=T-verification_code", "verification_code=BAD"
    )
    settings.SMS_PROVIDER = settings.SMS_PROVIDER | {"TEMPLATE_IDS": ids}
    with pytest.raises(SmsRejected) as refused:
        sender_class().send(code_message())
    assert refused.value.code in {"isv.SMS_TEMPLATE_ILLEGAL", "FailedOperation.TemplateIncorrectOrUnapproved"}


def test_an_html_answer_is_a_provider_outage_not_a_crash(provider):
    _, sender_class, _ = provider
    with pytest.raises(SmsUnavailable, match="text/html, not JSON"):
        sender_class().send(code_message("+8613912340500"))


def test_a_provider_that_does_not_answer_is_given_up_after_the_timeout(provider, settings):
    _, sender_class, _ = provider
    settings.SMS_PROVIDER = settings.SMS_PROVIDER | {"TIMEOUT": 0.5}
    started = time.monotonic()
    with pytest.raises(SmsUnavailable, match=r"no answer within 0\.5 s"):
        sender_class().send(code_message("+8613912340030"))
    assert time.monotonic() - started < 2


def test_a_provider_that_is_down_is_worth_retrying(settings):
    provider_settings(settings, "aliyun", "http://127.0.0.1:9/")  # the discard port: nothing listens
    with pytest.raises(SmsUnavailable, match="cannot connect"):
        AliyunSmsSender().send(code_message())


def test_the_task_logs_a_refusal_masked_and_records_it_as_failed(provider, caplog):
    caplog.set_level(logging.INFO)
    result = sms_send.enqueue(phone="+8613912340429", template="verification_code", params={"code": "1"}, text="t")
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class_path == "apps.core.sms.providers.SmsUnavailable"
    (record,) = [r for r in caplog.records if r.name == "apps.core.messaging"]
    assert "139****0429" in record.getMessage() and "retryable" in record.getMessage()
    assert "13912340429" not in caplog.text


def test_a_registration_notice_goes_out_through_the_provider(provider, db, django_capture_on_commit_callbacks):
    _, _, received = provider
    with django_capture_on_commit_callbacks(execute=True):
        sms_enqueue(
            phone="+8613912340001",
            template="report_status",
            params={"reference": "HL-1", "status": "已受理", "link": "https://hongling.example.cn/r/HL-1"},
        )
    assert len(received) == 1


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_missing_credentials_stop_the_start_with_the_settings_named(settings, name):
    provider_settings(
        settings, name, "", ACCESS_KEY_SECRET="", SIGN_NAME="", APP_ID="", TEMPLATE_IDS="verification_code=1"
    )
    (error,) = sms_sender_check()
    assert error.id == "core.E022"
    assert "SMS_ACCESS_KEY_SECRET" in error.msg and "SMS_SIGN_NAME" in error.msg and "report_status" in error.msg
    assert ("SMS_APP_ID" in error.msg) == (name == "tencent")
    with pytest.raises(ImproperlyConfigured, match="SMS_SIGN_NAME"):
        sms_sender_check_or_raise()


def test_malformed_template_ids_and_an_unknown_sender_are_named(settings):
    provider_settings(settings, "aliyun", "", TEMPLATE_IDS="verification_code SMS_1")
    (error,) = sms_sender_check()
    assert "verification_code SMS_1" in error.msg and "key=ID" in error.msg
    settings.SMS_SENDER = "aliyn"
    assert sms_sender_check()[0].id == "core.E021"


def test_the_log_sender_needs_no_settings(settings):
    settings.SMS_SENDER = "apps.core.messaging.LogSmsSender"
    assert sms_sender_check() == []


def test_the_operators_test_command_sends_one_code_and_explains_a_failure(provider, db, capsys):
    from django.core.management import CommandError, call_command

    _, _, received = provider
    call_command("sms_test", "139 1234 0001")
    assert "Sent to 139****0001" in capsys.readouterr().out and len(received) == 1
    with pytest.raises(CommandError, match="temporary: try again later"):
        call_command("sms_test", "139 1234 0429")
    with pytest.raises(CommandError, match="手机号"):
        call_command("sms_test", "12345")
