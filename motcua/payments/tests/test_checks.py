from motcua.payments import checks


def test_a_configured_deployment_passes(settings):
    assert checks.gateways_configured(None) == []


def test_an_unknown_gateway_or_vnpay_without_merchant_secret_is_an_error(settings):
    settings.PAYMENTS_GATEWAYS = ["sandbox", "momo", "vnpay"]
    settings.VNPAY_HASH_SECRET = ""
    assert [problem.id for problem in checks.gateways_configured(None)] == ["payments.E001", "payments.E002"]


def test_deploy_check_warns_about_the_published_sandbox_secret(settings):
    settings.PAYMENTS_SANDBOX_SECRET = checks.DEMO_SANDBOX_SECRET
    assert [problem.id for problem in checks.sandbox_secret_private(None)] == ["payments.W001"]
    settings.PAYMENTS_GATEWAYS = ["vnpay"]
    assert checks.sandbox_secret_private(None) == []
