"""The release workflow (.github/workflows/release.yml, issue 27) cannot run on the development machine: it is read
here with a YAML parser and held to what a release needs. Run by scripts/test."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"


def workflow():
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(job):
    return workflow()["jobs"][job]["steps"]


def runs(job):
    return "\n".join(step.get("run", "") for step in steps(job))


def test_a_version_tag_starts_it_and_it_may_publish():
    data = workflow()
    assert data["on"]["push"]["tags"] == ["v*"]
    assert data["permissions"]["contents"] == "write"


def test_each_platform_is_tested_then_bundled_on_its_own_runner():
    jobs = workflow()["jobs"]
    assert jobs["windows"]["runs-on"] == "windows-latest"
    assert jobs["macos"]["runs-on"] == "macos-latest"
    assert jobs["linux"]["runs-on"].startswith("ubuntu")
    # The same commands scripts/ runs on Linux: the tests before the bundle, Tauri's bundler for the bundle.
    linux = runs("linux")
    assert linux.index("scripts/test") < linux.index("scripts/package deb")
    for job, bundles in [("windows", "--bundles msi nsis"), ("macos", "--target universal-apple-darwin --bundles dmg")]:
        text = runs(job)
        assert text.index("cargo test -p samordna") < text.index(f"cargo tauri build {bundles}"), job


def test_the_windows_job_opens_the_apps_window_before_anything_is_published():
    text = runs("windows")
    assert "init --sample" in text and "MainWindowTitle" in text and "no window within a minute" in text


def test_signing_uses_named_secrets_only_and_nothing_secret_is_in_the_file():
    source = WORKFLOW.read_text(encoding="utf-8")
    named = set(re.findall(r"secrets\.([A-Z_]+)", source))
    assert {"WINDOWS_CERTIFICATE", "WINDOWS_CERTIFICATE_PASSWORD"} <= named
    assert {"APPLE_CERTIFICATE", "APPLE_SIGNING_IDENTITY", "APPLE_ID", "APPLE_PASSWORD", "APPLE_TEAM_ID"} <= named
    sign = next(s for s in steps("windows") if s.get("name", "").startswith("Sign"))
    assert sign["if"] == "env.WINDOWS_CERTIFICATE != ''", "signed only when the certificate is there"
    assert not re.search(r"-----BEGIN|[A-Za-z0-9+/]{120,}", source), "no key material committed"


def test_the_release_carries_every_installer_and_their_sha256_sums():
    job = workflow()["jobs"]["release"]
    assert set(job["needs"]) == {"linux", "windows", "macos"}
    assert "sha256sum * > SHA256SUMS.txt" in "\n".join(s.get("run", "") for s in job["steps"])
    publish = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("softprops/action-gh-release"))
    assert publish["with"]["files"] == "dist/*"
    for platform in ["linux", "windows", "macos"]:
        upload = next(s for s in steps(platform) if str(s.get("uses", "")).startswith("actions/upload-artifact"))
        assert upload["with"]["name"] == platform
