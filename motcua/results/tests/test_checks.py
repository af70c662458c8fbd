from motcua.results.checks import fonts_ready, signing_ready


def test_configured_deployment_passes_the_checks():
    assert signing_ready(None) == []


def test_missing_key_and_trust_roots_are_reported(settings, tmp_path):
    settings.MOTCUA_SIGNING_PKCS12 = tmp_path / "khong-co.p12"
    settings.MOTCUA_TRUST_ROOTS = [str(tmp_path / "khong-co.pem")]

    assert {problem.id for problem in signing_ready(None)} == {"results.W001", "results.W002"}


def test_missing_per_agency_key_is_reported(settings, tmp_path):
    settings.MOTCUA_SIGNING_KEYS_BY_AGENCY = {"000.00.03.H22": {"pkcs12": str(tmp_path / "so-tu-phap.p12")}}

    [problem] = signing_ready(None)

    assert problem.id == "results.W001"
    assert "so-tu-phap.p12" in problem.msg


def test_missing_fonts_are_an_error(monkeypatch):
    monkeypatch.setattr("motcua.results.checks.fonts_missing_reason", lambda: "Install fonts-noto-core")

    [problem] = fonts_ready(None)

    assert problem.id == "results.E001"
    assert "fonts-noto-core" in problem.msg


def test_installed_fonts_pass():
    assert fonts_ready(None) == []
