"""A storage that fails mid-upload (disk full, read-only, object storage down): the resident sees
图片暂时无法保存，请稍后再试 with what they typed still in the form, nothing is saved, and the files already
written in that request are removed."""

import errno

import pytest
from django.core.files.storage import FileSystemStorage, default_storage

from apps.core import images
from apps.core.images import STORAGE_UNAVAILABLE
from apps.core.media import storage_walk
from apps.core.models import Image
from apps.hubs.models import Report
from tests.hubs.test_views import NEW, _data, _jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture
def disk_fills_after(monkeypatch):
    """The disk takes `n` files, then refuses every write with ENOSPC (or EROFS)."""
    # Files of earlier tests' transactions (rolled back, never committed) are not this test's business.
    monkeypatch.setattr(images._uncommitted, "names", [], raising=False)

    def fill(n: int, code: int = errno.ENOSPC):
        real_save, written = FileSystemStorage._save, []

        def save(self, name, content):
            if len(written) >= n:
                raise OSError(code, "No space left on device" if code == errno.ENOSPC else "Read-only file system")
            written.append(name)
            return real_save(self, name, content)

        monkeypatch.setattr(FileSystemStorage, "_save", save)
        return written

    return fill


def stored_files() -> list[str]:
    return list(storage_walk(default_storage))


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
@pytest.mark.parametrize("files_before_failure", [0, 1, 3])
def test_a_failing_disk_keeps_the_form_saves_nothing_and_leaves_no_file(
    client, resident, disk_fills_after, code, files_before_failure
):
    before = stored_files()
    disk_fills_after(files_before_failure, code)
    client.force_login(resident)
    response = client.post(NEW, _data(photos=[_jpeg(), _jpeg()]))
    assert response.status_code == 400
    assert STORAGE_UNAVAILABLE in response.text
    assert "路口垃圾堆积" in response.text and "远大路和长星路路口" in response.text  # what they typed
    assert not Report.objects.exists() and not Image.objects.exists()
    assert stored_files() == before


def test_the_disk_back_the_same_report_goes_through(client, resident, disk_fills_after, monkeypatch):
    disk_fills_after(1)
    client.force_login(resident)
    assert client.post(NEW, _data(photos=[_jpeg()])).status_code == 400
    monkeypatch.undo()
    response = client.post(NEW, _data(photos=[_jpeg()]))
    assert response.status_code == 302 and Report.objects.get().photos.count() == 1
