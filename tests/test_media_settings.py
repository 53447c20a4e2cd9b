import pytest
from django.core.exceptions import ImproperlyConfigured

from hongling.media_settings import media_origins, media_storage

CACHE = "public, max-age=31536000, immutable"


def test_media_storage_is_the_disk_unless_a_bucket_is_named():
    assert media_storage({}, cache_control=CACHE)["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert media_origins(media_storage({}, cache_control=CACHE)) == []


def test_media_storage_with_a_bucket_is_public_s3_with_a_year_of_caching():
    env = {
        "AWS_STORAGE_BUCKET_NAME": "hongling-media",
        "AWS_S3_ENDPOINT_URL": "https://oss-cn-hangzhou.aliyuncs.com",
        "AWS_S3_REGION_NAME": "cn-hangzhou",
        "AWS_ACCESS_KEY_ID": "key",
        "AWS_SECRET_ACCESS_KEY": "secret",
        "AWS_S3_CUSTOM_DOMAIN": "media.hongling.example.cn",
    }
    storage = media_storage(env, cache_control=CACHE)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"] == {
        "bucket_name": "hongling-media",
        "endpoint_url": "https://oss-cn-hangzhou.aliyuncs.com",
        "region_name": "cn-hangzhou",
        "access_key": "key",
        "secret_key": "secret",
        "custom_domain": "media.hongling.example.cn",
        "querystring_auth": False,
        "object_parameters": {"CacheControl": CACHE},
    }
    assert media_origins(storage) == ["https://media.hongling.example.cn"]


@pytest.mark.parametrize(
    "env,origin",
    [
        ({"AWS_S3_REGION_NAME": "cn-north-1"}, "https://hongling-media.s3.cn-north-1.amazonaws.com.cn"),
        ({"AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000"}, "http://127.0.0.1:9000"),
        (
            {"AWS_S3_ENDPOINT_URL": "https://oss-cn-hangzhou.aliyuncs.com", "AWS_S3_ADDRESSING_STYLE": "virtual"},
            "https://hongling-media.oss-cn-hangzhou.aliyuncs.com",
        ),
    ],
)
def test_media_origins_without_a_custom_domain_follow_the_bucket_address(env, origin):
    storage = media_storage(
        {"MEDIA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "hongling-media", **env}, cache_control=CACHE
    )
    assert media_origins(storage) == [origin]


@pytest.mark.parametrize("env", [{"MEDIA_STORAGE": "s3"}, {"MEDIA_STORAGE": "ftp", "AWS_STORAGE_BUCKET_NAME": "b"}])
def test_media_storage_refuses_an_incomplete_or_unknown_choice(env):
    with pytest.raises(ImproperlyConfigured):
        media_storage(env, cache_control=CACHE)


def test_production_settings_put_media_in_the_bucket_from_environment_variables_alone():
    from tests.test_settings import run_django

    script = (
        "from django.conf import settings; from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__module__, type(s).__name__); print(s.url('images/a.jpg')); "
        "print(s.object_parameters['CacheControl']); print(settings.SECURE_CSP['img-src'])"
    )
    env = {
        "SECRET_KEY": "k" * 50,
        "ALLOWED_HOSTS": "hongling.example.cn",
        "AWS_STORAGE_BUCKET_NAME": "hongling-media",
        "AWS_S3_CUSTOM_DOMAIN": "media.hongling.example.cn",
    }
    result = run_django(env, "shell", "-c", script)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()[-4:]  # after the shell's own "objects imported" line
    assert lines[:3] == ["storages.backends.s3 S3Storage", "https://media.hongling.example.cn/images/a.jpg", CACHE]
    assert "https://media.hongling.example.cn" in lines[3]
