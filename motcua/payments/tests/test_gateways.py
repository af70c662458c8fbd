import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.payments import gateways
from motcua.payments.gateways import sandbox, vnpay
from motcua.payments.gateways.base import Gateway


def test_registry_finds_the_built_in_gateways_by_id():
    assert isinstance(gateways.get("sandbox"), sandbox.SandboxGateway)
    assert isinstance(gateways.get("vnpay"), vnpay.VNPayGateway)
    with pytest.raises(gateways.UnknownGateway):
        gateways.get("momo")


def test_registry_refuses_a_second_plugin_with_a_taken_id():
    class Impostor(sandbox.SandboxGateway):
        pass

    with pytest.raises(ValueError):
        gateways.register(Impostor)


def test_enabled_gateways_follow_the_settings_order(settings):
    settings.PAYMENTS_GATEWAYS = ["vnpay", "khong-co", "sandbox"]
    assert [gateway.id for gateway in gateways.enabled()] == ["vnpay", "sandbox"]
    assert not gateways.is_enabled("khong-co")


def test_every_registered_gateway_is_a_complete_plugin():
    for gateway in (gateways.get("sandbox"), gateways.get("vnpay")):
        assert isinstance(gateway, Gateway) and gateway.label


@given(st.dictionaries(st.sampled_from(["ref", "amount", "status", "txn"]), st.text(max_size=20), min_size=1))
def test_sandbox_signature_round_trips_and_any_change_breaks_it(params):
    signed = sandbox.signed(params)
    assert sandbox.verify(signed) == {key: str(value) for key, value in params.items()}
    key = next(iter(params))
    with pytest.raises(gateways.SignatureError):
        sandbox.verify({**signed, key: signed[key] + "x"})


def test_vnpay_hash_data_is_sorted_and_url_encoded(settings):
    settings.VNPAY_HASH_SECRET = "SECRET"
    params = {"vnp_TxnRef": "TT1", "vnp_Amount": 7500000, "vnp_OrderInfo": "Thanh toan phi", "other": "x"}
    assert vnpay.hash_data(params) == "vnp_Amount=7500000&vnp_OrderInfo=Thanh+toan+phi&vnp_TxnRef=TT1"
    assert len(vnpay.secure_hash(params)) == 128  # HMAC-SHA512, hex


def test_vnpay_notification_answers_use_the_documented_codes():
    gateway = gateways.get("vnpay")
    assert gateway.notification_response("settled") == {"RspCode": "00", "Message": "Confirm Success"}
    assert gateway.notification_response("malformed") == {"RspCode": "99", "Message": "Unknown error"}
