import pytest
from django.core.files.uploadhandler import StopUpload
from django.test import RequestFactory

from motcua.results.uploads import SizeLimitUploadHandler


def test_chunks_within_the_limit_pass_through():
    handler = SizeLimitUploadHandler(RequestFactory().post("/"), limit=10)

    assert handler.receive_data_chunk(b"12345", 0) == b"12345"
    assert handler.receive_data_chunk(b"67890", 5) == b"67890"
    assert handler.exceeded is False


def test_chunk_past_the_limit_stops_the_upload():
    handler = SizeLimitUploadHandler(RequestFactory().post("/"), limit=10)

    with pytest.raises(StopUpload):
        handler.receive_data_chunk(b"67890x", 5)

    assert handler.exceeded is True
