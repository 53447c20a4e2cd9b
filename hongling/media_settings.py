"""Where uploaded media are stored, read from the environment (see README, "Media storage").

By default on disk under `MEDIA_ROOT`, served at `/media/`. With `MEDIA_STORAGE=s3` (or simply a bucket
named in `AWS_STORAGE_BUCKET_NAME`) in S3-compatible object storage through django-storages: AWS S3,
MinIO, Aliyun OSS, Tencent COS, … Every object is written with the same year-long immutable
Cache-Control as `/media/`, and URLs are plain public ones (no signatures), so browsers and CDNs cache them.
"""

from collections.abc import Mapping
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

FILESYSTEM = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
S3 = "storages.backends.s3.S3Storage"
# Environment variable → S3Storage option; unset ones keep django-storages' (and boto3's) defaults, so
# credentials may also come from an instance role.
S3_OPTIONS_FROM_ENV = {
    "AWS_S3_ENDPOINT_URL": "endpoint_url",
    "AWS_S3_REGION_NAME": "region_name",
    "AWS_ACCESS_KEY_ID": "access_key",
    "AWS_SECRET_ACCESS_KEY": "secret_key",
    "AWS_S3_CUSTOM_DOMAIN": "custom_domain",
    "AWS_S3_URL_PROTOCOL": "url_protocol",
    "AWS_S3_ADDRESSING_STYLE": "addressing_style",
    "AWS_LOCATION": "location",
    "AWS_DEFAULT_ACL": "default_acl",
}


def media_storage(env: Mapping[str, str], *, cache_control: str) -> dict:
    """The STORAGES["default"] entry for the environment `env`."""
    bucket = env.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    kind = env.get("MEDIA_STORAGE", "").strip().lower() or ("s3" if bucket else "filesystem")
    if kind == "filesystem":
        return FILESYSTEM
    if kind != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'filesystem' or 's3', not {kind!r}.")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME (the bucket for uploaded media).")
    options = {option: env[name].strip() for name, option in S3_OPTIONS_FROM_ENV.items() if env.get(name, "").strip()}
    options |= {
        "bucket_name": bucket,
        "querystring_auth": False,  # public media: plain URLs that caches can keep
        "object_parameters": {"CacheControl": cache_control},
    }
    return {"BACKEND": S3, "OPTIONS": options}


def media_origins(storage: dict) -> list[str]:
    """The origins media are served from, besides this site itself (for the CSP's img-src)."""
    if storage["BACKEND"] != S3:
        return []
    options = storage["OPTIONS"]
    if domain := options.get("custom_domain"):
        return [f"{options.get('url_protocol', 'https:')}//{domain.split('/')[0]}"]
    # Without a custom domain the address depends on endpoint, region and addressing style: ask boto3
    # (locally, no request is made) for the URL of an object, as django-storages will.
    import boto3
    from botocore import UNSIGNED
    from botocore.config import Config

    style = {"addressing_style": options["addressing_style"]} if "addressing_style" in options else {}
    client = boto3.session.Session().client(
        "s3",
        region_name=options.get("region_name"),
        endpoint_url=options.get("endpoint_url"),
        config=Config(signature_version=UNSIGNED, s3=style),
    )
    url = urlsplit(client.generate_presigned_url("get_object", Params={"Bucket": options["bucket_name"], "Key": "x"}))
    return [f"{url.scheme}://{url.netloc}"]
