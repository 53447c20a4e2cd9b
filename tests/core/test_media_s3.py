"""Media in S3-compatible object storage: the real pipeline against a local S3 server (moto, loopback only)."""

import io
import json
import logging
import re
import urllib.request
import uuid

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from moto.server import ThreadedMotoServer

from apps.core.images import image_create, image_files
from hongling.media_settings import media_storage
from tests.factories import image_bytes
from tests.news.factories import article_create

pytestmark = pytest.mark.django_db

YEAR_IMMUTABLE = "public, max-age=31536000, immutable"
SMALL = (400, 300)  # two renditions (320, 400): enough to see them, quick to encode
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_S3_REGION_NAME": "us-east-1"}


@pytest.fixture(scope="module")
def s3_endpoint():
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one log line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)  # port 0: the OS picks a free one
    server.start()
    yield f"http://127.0.0.1:{server._server.server_port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint):
    name = f"hl-media-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=name)
    # Media are public: anyone may read objects (as the README asks of a production bucket).
    policy = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{name}/*"}
    client.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [policy]}))
    return client, name


def use_s3(settings, s3_endpoint, bucket_name, **env):
    """Point default storage at the bucket, configured from environment variables as in production."""
    env = {"AWS_STORAGE_BUCKET_NAME": bucket_name, "AWS_S3_ENDPOINT_URL": s3_endpoint, **CREDENTIALS, **env}
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(env, cache_control=settings.MEDIA_CACHE_CONTROL)}


def keys(client, bucket_name) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=bucket_name).get("Contents", [])}


def test_s3_media_pipeline_stores_original_and_renditions_with_a_year_of_caching(settings, s3_endpoint, bucket):
    client, name = bucket
    use_s3(settings, s3_endpoint, name)

    image = image_create(upload=io.BytesIO(image_bytes(size=(1000, 500))), alt="连心广场")

    assert keys(client, name) == set(image_files(image))
    assert [r["width"] for r in image.renditions] == [320, 640, 960, 1000]
    for key in image_files(image):
        head = client.head_object(Bucket=name, Key=key)
        assert head["CacheControl"] == YEAR_IMMUTABLE
        assert head["ContentType"] == ("image/jpeg" if key.endswith(".jpg") else "image/webp")
    assert (image.width, image.height) == (1000, 500)


def test_s3_media_urls_point_at_the_bucket_and_serve_the_cache_header(settings, s3_endpoint, bucket):
    _, name = bucket
    use_s3(settings, s3_endpoint, name)
    image = image_create(upload=io.BytesIO(image_bytes(size=SMALL)), alt="岭上清风园")

    assert image.file.url == f"{s3_endpoint}/{name}/{image.file.name}"  # plain public URL, no signature
    with urllib.request.urlopen(default_storage.url(image.renditions[0]["name"]), timeout=5) as response:  # noqa: S310
        assert response.headers["Cache-Control"] == YEAR_IMMUTABLE
        assert response.read()[8:12] == b"WEBP"


def test_s3_media_with_a_custom_domain_gives_its_urls(settings, s3_endpoint, bucket):
    client, name = bucket
    use_s3(settings, s3_endpoint, name, AWS_S3_CUSTOM_DOMAIN="media.hongling.example.cn")
    image = image_create(upload=io.BytesIO(image_bytes(size=SMALL)), alt="红船初心馆")
    assert image.file.url == f"https://media.hongling.example.cn/{image.file.name}"
    assert keys(client, name) == set(image_files(image))


def test_s3_media_article_body_image_is_shown_as_bucket_renditions(client, settings, s3_endpoint, bucket):
    _, name = bucket
    use_s3(settings, s3_endpoint, name, AWS_S3_CUSTOM_DOMAIN="media.hongling.example.cn")
    photo = image_create(upload=io.BytesIO(image_bytes(size=SMALL)), alt="夜校现场")
    article = article_create(body=f'<p>正文。</p><p><img src="{photo.file.url}" alt="夜校现场"></p>')
    assert photo.file.url in article.body  # the storage's own address counts as our media

    html = client.get(article.get_absolute_url()).content.decode()
    body = html[html.index("正文。") :]
    assert photo.file.url not in body
    assert re.search(r'srcset="https://media\.hongling\.example\.cn/renditions/[^"]+\.webp 320w', body)


def test_s3_media_old_media_paths_still_answer(client, settings, s3_endpoint, bucket):
    _, name = bucket
    use_s3(settings, s3_endpoint, name)
    image = image_create(upload=io.BytesIO(image_bytes(size=SMALL)), alt="旧链接")
    response = client.get(f"/media/{image.file.name}")
    assert response.status_code == 200
    assert response["Cache-Control"] == YEAR_IMMUTABLE
    assert b"".join(response.streaming_content) == image.file.open("rb").read()


def test_s3_images_prune_finds_and_deletes_orphans_in_the_bucket(settings, s3_endpoint, bucket):
    client, name = bucket
    use_s3(settings, s3_endpoint, name)
    kept = image_create(upload=io.BytesIO(image_bytes(size=SMALL)), alt="保留")
    orphans = [
        default_storage.save("images/2026/11/orphan.jpg", ContentFile(image_bytes())),
        default_storage.save("renditions/orphan-320.webp", ContentFile(b"RIFF....WEBP")),
    ]

    out = io.StringIO()
    call_command("images_prune", stdout=out)
    assert all(orphan in out.getvalue() for orphan in orphans)
    assert "共 2 个多余文件" in out.getvalue()
    assert keys(client, name) == {*image_files(kept), *orphans}  # a dry run deletes nothing

    call_command("images_prune", "--delete", stdout=io.StringIO())
    assert keys(client, name) == set(image_files(kept))
