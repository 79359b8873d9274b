"""What the README and data/README.md promise stays true; the domain package stays free of UI code."""
from __future__ import annotations

import re
from pathlib import Path

from posture.catalog import TABLES
from posture.load import GEO_FILES

ROOT = Path(__file__).resolve().parents[1]


def test_every_input_file_is_catalogued_and_documented():
    doc = (ROOT / "data/README.md").read_text()
    known = {t.path for t in TABLES.values()} | set(GEO_FILES.values()) | {"README.md", "analysis_brief.md"}
    known |= {f"stories/{p.name}" for p in (ROOT / "data/stories").glob("*.json")}  # briefing stories (posture/story.py)
    on_disk = {p.relative_to(ROOT / "data").as_posix() for p in (ROOT / "data").rglob("*") if p.is_file()}
    assert on_disk == known, f"undocumented: {on_disk - known}; missing: {known - on_disk}"
    for path in known - {"README.md"}:
        assert f"`{path}`" in doc, f"data/README.md does not document {path}"
    for f in ("countries.geojson", "water.geojson"):
        assert (ROOT / "static/geo" / f).exists() and f"static/geo/{f}" in doc


def test_readme_commands_are_the_ci_commands():
    readme = (ROOT / "README.md").read_text()
    assert "scripts/run.sh" in readme and "scripts/test.sh" in readme
    assert "scripts/test.sh" in (ROOT / ".ci/run").read_text()
    assert "streamlit run app.py" in (ROOT / "scripts/run.sh").read_text()
    assert "pytest" in (ROOT / "scripts/test.sh").read_text()


def test_every_dependency_is_pinned():
    lines = [l.strip() for l in (ROOT / "requirements.txt").read_text().splitlines() if l.strip() and not l.startswith("#")]
    assert lines and all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][^ ]*", l) for l in lines), lines


def test_posture_never_imports_streamlit():
    for p in (ROOT / "posture").rglob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+streamlit", p.read_text(), re.M), p


def test_no_web_tiles_or_cdn_in_code():
    pattern = re.compile(r"cartocdn|mapbox://|api\.mapbox|cdn\.plot\.ly|unpkg\.com|tile\.openstreetmap|fonts\.gstatic")
    for folder in ("app.py", "pages", "components", "posture"):
        for p in ([ROOT / folder] if folder.endswith(".py") else (ROOT / folder).rglob("*.py")):
            assert not pattern.search(p.read_text()), p


def test_usage_statistics_are_off():
    cfg = (ROOT / ".streamlit/config.toml").read_text()
    assert re.search(r"gatherUsageStats\s*=\s*false", cfg)


def test_parameters_and_estimates_are_explained(dataset):
    p = dataset["parameters"]
    assert p["note"].notna().all() and p["source"].notna().all()
    assert set(p["kind"]) <= {"sourced", "assumption", "convention"}
    ties = dataset["ties"]
    est = ties[ties["method"] == "estimate"]
    assert est["reasoning"].str.startswith("Analyst's estimate").all()
    assert est["source"].notna().all()


def test_changelog_is_dated():
    text = (ROOT / "CHANGELOG.md").read_text()
    assert re.search(r"^## \d{4}-\d{2}-\d{2}", text, re.M)


def test_the_lock_pins_every_listed_package_with_hashes():
    """requirements.lock (scripts/lock.sh) holds each package of requirements.txt at the same version, and every
    package it installs carries at least one hash (setup.sh installs it with --require-hashes)."""
    norm = lambda name: re.sub(r"[-_.]+", "-", name).lower()  # noqa: E731
    listed = dict(l.split("==") for l in (ROOT / "requirements.txt").read_text().splitlines()
                  if l.strip() and not l.startswith("#"))
    listed = {norm(k.split("[")[0]): v for k, v in listed.items()}
    lock = (ROOT / "requirements.lock").read_text()
    entries = re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)((?:\s*\\\n\s+--hash=sha256:[0-9a-f]{64})+)", lock, re.M)
    locked = {norm(n): v for n, v, _ in entries}
    assert len(entries) == len(re.findall(r"^[A-Za-z0-9]", lock, re.M)), "a lock entry without a hash"
    assert {k: locked.get(k) for k in listed} == listed
    assert "--require-hashes -r requirements.lock" in (ROOT / "scripts/setup.sh").read_text()


def _pins(lines) -> dict[str, str]:
    norm = lambda name: re.sub(r"[-_.]+", "-", name).lower()  # noqa: E731
    return {norm(k.split("[")[0]): v for k, v in (l.split("==") for l in lines)}


def test_the_project_declares_the_same_pins_with_tests_and_bench_apart():
    """pyproject.toml's [project] holds requirements.txt's pins: the app's in dependencies, pytest and Playwright
    only in the test and bench extras (an app install pulls neither), and nothing the readable list lacks."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    listed = _pins(l.strip() for l in (ROOT / "requirements.txt").read_text().splitlines()
                   if l.strip() and not l.startswith("#"))
    app = _pins(project["dependencies"])
    extras = {k: _pins(v) for k, v in project["optional-dependencies"].items()}
    assert set(extras) == {"test", "bench"}
    assert not {"pytest", "playwright", "hypothesis", "pypdf", "colorspacious"} & set(app), sorted(app)
    assert {"pytest", "playwright"} <= set(extras["test"]) and "playwright" in extras["bench"]
    everything = {**app, **extras["test"], **extras["bench"]}
    assert everything == listed, {k: (everything.get(k), listed.get(k)) for k in everything.keys() | listed.keys()
                                  if everything.get(k) != listed.get(k)}
    assert project["requires-python"] == ">=3.11" and project["version"]


def test_every_setting_is_in_the_readme():
    """Each environment variable the code reads and each option of .streamlit/config.toml has a row in the README's
    Settings table."""
    import tomllib

    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Settings", 1)[1].split("\n## ", 1)[0]
    code = "".join(p.read_text() for folder in ("posture", "components", "pages", "scripts")
                   for p in (ROOT / folder).rglob("*") if p.suffix in (".py", ".sh")) + (ROOT / "app.py").read_text()
    variables = set(re.findall(r"\b(POSTURE_[A-Z_]+|XDG_[A-Z_]+)\b", code))
    assert {"POSTURE_DATA_DIR", "POSTURE_DATABASE_URL", "POSTURE_DB_PATH"} <= variables
    missing = sorted(v for v in variables if f"`{v}`" not in table)
    cfg = tomllib.loads((ROOT / ".streamlit/config.toml").read_text())
    options = {f"{section}.{key}" for section, keys in cfg.items() for key in keys}
    missing += sorted(o for o in options if f"`{o}`" not in table)
    assert not missing, missing
