"""Offline work in the real app: the secretary exports the member packages (one per member), two members score
from their own packages in the app (no portfolio needed) and save responses, the secretary previews and merges
both; an altered response and one re-addressed to another member are refused; and a spreadsheet is imported after
its problems are shown by row and column. Native file dialogs are replaced by stubs that answer with the test's
paths (WebDriver cannot drive them); everything else is the real app."""

import hashlib
import json

from conftest import cli


def export_folder(app, tmp_path):
    folder = tmp_path / "ut"
    assert app.invoke("save_paper_settings", {"papersFolder": str(folder), "openAfterExport": False}) is None
    return folder


def open_package(app, package):
    """Opens `package` from the sidebar, as a member would."""
    app.stub_dialog("choose_package", {"path": str(package)}, instead="open_package_file")
    app.click('a[href="#/paket"]')
    app.click("#open-package")
    app.wait_text("main h1", lambda t: t == "Ledamotspaket: Strategisk samordningsgrupp för digitalisering 2026-12-03")


def close_package(app):
    app.click_text("button", "Stäng paketet")
    app.wait_text("main h1", lambda t: t == "Möten")


def score_all(app, level, comment):
    """In the open package: gives every cell `level`, the first with `comment`."""
    app.wait(lambda d: len(app.texts("select.package-score")) > 0)
    app.driver.execute_script(
        "const [level, comment] = arguments;"
        "document.querySelectorAll('select.package-score').forEach((s, i) => {"
        "  s.value = String(level); s.dispatchEvent(new Event('change', {bubbles: true}));"
        "  if (i === 0) { const c = s.closest('tr').querySelector('input');"
        "    c.value = comment; c.dispatchEvent(new Event('change', {bubbles: true})); } });",
        level,
        comment,
    )
    progress = app.wait_text("#package-progress", lambda t: t.startswith("36 av 36"))
    assert "0 ”vet ej”" in progress


def scores_of(app, member_name):
    data = json.loads(cli(app.portfolio, "export", "--format", "json"))
    member = next(m for m in data["members"] if m["name"] == member_name)
    # The agenda's three initiatives and the service Utskrift och skanning (id 10), all valued with the set.
    scored = ("initiative:1", "initiative:17", "initiative:9", "service:10")
    return [s for s in data["scores"] if s["member_id"] == member["id"] and s["item"] in scored]


def readdressed(response, member_id, member_name):
    """`response` made another member's, its checksum recomputed: what anyone with a text editor can do."""
    envelope = json.loads(response.read_text())
    content = envelope["content"]
    content["member"] = {"id": member_id, "name": member_name}
    text = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    checksum = "sha256:" + hashlib.sha256(text.encode()).hexdigest()
    return (
        f'{{"format":"samordna-meeting-response","version":2,"checksum":"{checksum}",'
        f'"mac":"{envelope["mac"]}","content":{text}}}'
    )


def test_two_members_score_from_their_packages_and_the_secretary_merges_both(app, tmp_path):
    folder = export_folder(app, tmp_path)
    app.go("#/moten/2")
    app.wait_text("main h1", lambda t: t == "Möte 2026-12-03")
    app.wait_text("#response-table caption", lambda t: t == "0 av 9 ledamöter har svarat")
    app.click("#export-package")
    app.wait_text("#toast", lambda t: t.startswith("Ledamotspaketen sparades, ett per ledamot (9 st.)"), timeout=30)
    packages = sorted(p.name for p in folder.glob("*.samordna-paket"))
    assert len(packages) == 9, packages
    johans = folder / "Ledamotspaket 2026-12-03 Johan Lindberg.samordna-paket"
    karins = folder / "Ledamotspaket 2026-12-03 Karin Ekström.samordna-paket"
    assert johans.exists() and karins.exists()
    app.wait_text(".response-status p", lambda t: t.startswith("Senaste paketet exporterades"))

    # Johan opens his package from the sidebar: it is his, with no one else to choose.
    open_package(app, johans)
    assert app.text("#package-member").startswith("Paketet är ditt: Johan Lindberg (Intraservice).")
    assert not app.driver.find_elements("css selector", "select#package-member")
    agenda = app.texts(".package-agenda summary")
    assert agenda[1].startswith("2. Ny e-tjänsteplattform")
    score_all(app, 1, "Oklart mervärde")
    assert app.texts(".package-initiative h3") == [
        "SLK-2026-00101 Ny e-tjänsteplattform",
        "SLK-2026-00117 Gemensamt ärendehanterings- och diariesystem",
        "Tjänst Utskrift och skanning",
    ]
    app.shot("package-member")
    app.driver.execute_script("document.querySelector('.package-initiative').scrollIntoView()")
    app.shot("package-scoring")
    app.click("#save-response")
    app.wait_text("#toast", lambda t: t.startswith("Svaret sparades"))
    first = folder / "Svar Johan Lindberg 2026-12-03.samordna-svar"
    assert first.exists()
    close_package(app)

    # Karin scores from hers; Johan's draft is still there when his package is opened again.
    open_package(app, karins)
    assert app.text("#package-member").startswith("Paketet är ditt: Karin Ekström")
    score_all(app, 3, "Stark koppling till målen")
    app.click("#save-response")
    app.wait_text("#toast", lambda t: "Svar Karin Ekström" in t)
    second = folder / "Svar Karin Ekström 2026-12-03.samordna-svar"
    close_package(app)
    open_package(app, johans)
    app.wait_text("#package-progress", lambda t: t.startswith("36 av 36"))
    assert app.driver.execute_script("return document.querySelector('select.package-score').value") == "1"

    # The secretary previews both responses, then imports them in one go.
    close_package(app)
    app.go("#/moten/2")
    app.wait_text("main h1", lambda t: t == "Möte 2026-12-03")
    app.stub_dialog("choose_responses", [str(first), str(second)])
    app.click("#choose-responses")
    app.wait_text(".response-preview h3", lambda t: t == "Förhandsgranskning av 2 svarsfil(er)")
    outcomes = app.driver.execute_script("return [...document.querySelectorAll('.response-file')].map(e => e.textContent)")
    assert all("Nytt svar." in o for o in outcomes), outcomes
    assert "Oklart mervärde" in outcomes[0]
    app.shot("package-preview")
    before = scores_of(app, "Johan Lindberg")
    assert any(s["value"] != 1 for s in before), "the preview wrote nothing"
    app.click("#import-responses")
    app.wait_text("#toast", lambda t: t.startswith("Svaren importerades"))
    app.wait_text("#response-table caption", lambda t: t == "2 av 9 ledamöter har svarat")
    assert all(s["value"] == 1 for s in scores_of(app, "Johan Lindberg"))
    assert all(s["value"] == 3 for s in scores_of(app, "Karin Ekström"))
    assert len(scores_of(app, "Karin Ekström")) == 36, "three initiatives and a service, nine criteria each"
    responded = app.texts("#response-table tr.responded th")
    assert sorted(responded) == ["Johan Lindberg", "Karin Ekström"]
    app.driver.execute_script("document.getElementById('responses').scrollIntoView()")
    app.shot("package-status")

    # The same file again changes nothing; an altered one and Johan's made Karin's are refused with their reasons
    # and block the import.
    altered = tmp_path / "ändrad.samordna-svar"
    altered.write_text(first.read_text().replace('"value":1', '"value":4', 1))
    karin = next(m for m in json.loads(cli(app.portfolio, "export", "--format", "json"))["members"]
                 if m["name"] == "Karin Ekström")
    forged = tmp_path / "förfalskad.samordna-svar"
    forged.write_text(readdressed(first, karin["id"], "Karin Ekström"))
    app.stub_dialog("choose_responses", [str(first), str(altered), str(forged)])
    app.click("#choose-responses")
    app.wait_text(".response-preview h3", lambda t: t.startswith("Förhandsgranskning"))
    outcomes = app.texts(".response-file")
    assert "Redan importerat: inget ändras." in outcomes[0]
    assert "filen har ändrats efter att den sparades" in outcomes[1]
    assert "svaret är inte äkta" in outcomes[2], outcomes[2]
    assert app.driver.execute_script("return document.getElementById('import-responses').disabled") is True
    assert all(s["value"] == 3 for s in scores_of(app, "Karin Ekström"))


def test_a_spreadsheet_import_shows_problems_by_row_and_column_then_imports(app, tmp_path):
    folder = export_folder(app, tmp_path)
    app.go("#/initiativ")
    app.click("#import-initiatives")
    app.wait_text("main h1", lambda t: t == "Importera från kalkylark")
    app.click("#save-template")
    app.wait_text("#toast", lambda t: t.startswith("Mallen sparades"))
    assert (folder / "Mall för initiativ.xlsx").exists()

    sheet = tmp_path / "insatser.csv"
    header = "Diarienummer;Titel;Spår;Typ;Ägare;Utveckling 2027 (kr);Förvaltning 2027 (kr)\n"
    good = "SLK-2027-00001;Digital brevlåda för äldreomsorgen;Gemensam;Förändringsinsats;Stadsledningskontoret;1 250 000,50;200 000\n"
    bad = "SLK-2027-00002;Trasig rad;Okänd;Förändringsinsats;Finns inte;12,345;\n"
    sheet.write_bytes((header + good + bad).encode("cp1252"))
    app.stub_dialog("choose_sheet", str(sheet))
    app.click("#choose-sheet")
    app.wait_text("#import-summary", lambda t: "problem" in t)
    assert app.text("#import-summary") == "1 nya, 0 ändras, 0 oförändrade, 3 problem."
    assert "Windows-1252" in app.text(".sheet-preview .muted")
    problems = app.texts("#import-problems tbody tr")
    assert "Spår" in problems[0] and "”Okänd” finns inte; välj bland: Gemensam, Verksamhetsspecifik" in problems[0]
    assert len(problems) == 3
    assert app.driver.execute_script("return document.getElementById('confirm-import').disabled") is True
    app.shot("sheet-import-problems")

    sheet.write_bytes((header + good).encode("cp1252"))
    app.click("#choose-sheet")
    app.wait_text("#import-summary", lambda t: t == "1 nya, 0 ändras, 0 oförändrade, 0 problem.")
    app.click("#confirm-import")
    app.wait_text("#toast", lambda t: t == "Importen sparades.")
    shown = json.loads(cli(app.portfolio, "initiatives", "show", "SLK-2027-00001", "--json"))
    assert shown["title"] == "Digital brevlåda för äldreomsorgen"
    assert shown["costs"] == [{"year": 2027, "development": 125000050, "management": 20000000}]


def test_every_register_exports_to_excel(app, tmp_path):
    folder = export_folder(app, tmp_path)
    for route, button, name in [
        ("#/avvikelser", "#export-deviations", "Avsteg och avvikelser.xlsx"),
        ("#/ledamoter", "#export-members", "Ledamöter.xlsx"),
        ("#/leverantorer", "#export-providers", "Leverantörer.xlsx"),
        ("#/organisationer", "#export-organisations", "Organisationer.xlsx"),
        ("#/rangordning", "#export-ranking", "Kriterier 2026–2029.xlsx"),
    ]:
        app.go(route)
        app.click(button)
        app.wait_text("#toast", lambda t, name=name: name in t, timeout=20)
        assert (folder / name).read_bytes().startswith(b"PK"), name
    assert not app.driver.find_elements("css selector", "#import-members"), "members are exported only"
