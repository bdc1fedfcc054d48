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


def open_package(app, package, date="2026-12-03"):
    """Opens `package` from the sidebar, as a member would."""
    app.stub_dialog("choose_package", {"path": str(package)}, instead="open_package_file")
    app.click('a[href="#/paket"]')
    app.click("#open-package")
    app.wait_text("main h1", lambda t: t == f"Ledamotspaket: Strategisk samordningsgrupp för digitalisering {date}")


def close_package(app):
    app.click_text("button", "Stäng paketet")
    app.wait_text("main h1", lambda t: t == "Möten")


def valued(app):
    """The criteria set the December meeting values with: its items as the engine names them, and its cells."""
    data = json.loads(cli(app.portfolio, "export", "--format", "json"))
    meeting = next(m for m in data["meetings"] if m["id"] == 2)
    valued_set = next(s for s in data["criteria_sets"] if s["id"] == meeting["criteria_set_id"])
    items = [f"initiative:{i}" for i in valued_set["initiative_ids"]] + [f"service:{i}" for i in valued_set["service_ids"]]
    return valued_set, items, len(items) * len(valued_set["criteria"])


def score_all(app, level, comment, cells):
    """In the open package: gives every cell `level`, the first with `comment`; the package has `cells` cells."""
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
    progress = app.wait_text("#package-progress", lambda t: t.startswith(f"{cells} av {cells} "), timeout=30)
    assert "0 ”vet ej”" in progress


def scores_of(app, member_name, items=None):
    """The member's scores of `items` (every item of the December meeting's set when none are given)."""
    data = json.loads(cli(app.portfolio, "export", "--format", "json"))
    member = next(m for m in data["members"] if m["name"] == member_name)
    scored = items or valued(app)[1]
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
    # The meeting's item 11 is the valuation of its criteria set: every initiative and service of it is scored.
    valued_set, items, cells = valued(app)
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
    assert agenda[0].startswith("1. Mötets öppnande")
    assert agenda[5].startswith("6. Ny e-tjänsteplattform")
    assert agenda[10].startswith("11. Värdering av gemensamma insatser och tjänster 2026–2029") and "Värdering" in agenda[10]
    score_all(app, 1, "Oklart mervärde", cells)
    # The items with an agenda item of their own first, then every other initiative and service of the set.
    scored = app.texts(".package-initiative h3")
    assert scored[:2] == [
        "SLK-2026-00101 Ny e-tjänsteplattform",
        "SLK-2026-00117 Gemensamt ärendehanterings- och diariesystem",
    ]
    assert len(scored) == len(items), scored
    services = [t for t in scored if t.startswith("Tjänst ")]
    assert services[0] == "Tjänst Utskrift och skanning" and "Tjänst E-post och kalender" in services
    assert len(services) == len(valued_set["service_ids"]) == 6
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
    score_all(app, 3, "Stark koppling till målen", cells)
    app.click("#save-response")
    app.wait_text("#toast", lambda t: "Svar Karin Ekström" in t)
    second = folder / "Svar Karin Ekström 2026-12-03.samordna-svar"
    close_package(app)
    open_package(app, johans)
    app.wait_text("#package-progress", lambda t: t.startswith(f"{cells} av {cells} "))
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
    assert len(scores_of(app, "Karin Ekström")) == cells, "every initiative and service of the set, each criterion"
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


def test_a_valuation_round_made_in_the_agenda_editor_reaches_every_members_package(app, tmp_path):
    """The secretary makes an item of the 17 December meeting the valuation of its criteria set; the packages then
    carry every initiative and service of the set; a member scores a service that has no item of its own, and the
    secretary imports the response."""
    folder = export_folder(app, tmp_path)
    valued_set, items, cells = valued(app)
    app.go("#/moten/30")
    app.wait_text("main h1", lambda t: t == "Möte 2026-12-17")
    app.click_text("button", "Lägg till beslutsärende")
    app.fill(app.field("Rubrik"), "Värdering inför budget 2027")
    hint = app.text(".item-editor .valuation-field .hint")
    assert f"alla {len(valued_set['initiative_ids'])} insatser och 6 tjänster i {valued_set['name']}" in hint, hint
    app.click(".item-editor .valuation-field input[type=checkbox]")
    app.click_text("button", "Spara mötet")
    app.wait_text("#toast", lambda t: t == "Sparat.")
    listed = next(m for m in json.loads(cli(app.portfolio, "meetings", "list", "--json")) if m["id"] == 30)
    assert [i["title"] for i in listed["items"] if i["valuation"]] == ["Värdering inför budget 2027"]
    app.wait(lambda d: "Värdering" in app.texts(".agenda-item .item-head")[-1])

    app.click("#export-package")
    app.wait_text("#toast", lambda t: t.startswith("Ledamotspaketen sparades"), timeout=30)
    lena = folder / "Ledamotspaket 2026-12-17 Lena Holm.samordna-paket"
    shown = json.loads(cli(app.portfolio, "package", "show", str(lena), "--json"))["content"]
    assert len(shown["initiatives"]) + len(shown["services"]) == len(items)

    open_package(app, lena, "2026-12-17")
    agenda = app.driver.execute_script("return document.querySelector('.package-agenda').textContent")
    assert f"Värdering av alla insatser och tjänster i {valued_set['name']}" in agenda, agenda
    app.wait(lambda d: len(app.texts(".package-initiative h3")) == len(items))
    # E-post och kalender has no agenda item of its own: Lena scores its first criterion.
    email = next(s for s in shown["services"] if s["name"] == "E-post och kalender")
    criterion = valued_set["criteria"][0]
    select = f'select#cell-service-{email["id"]}-{criterion["id"]}'
    app.driver.execute_script(
        "const s = document.querySelector(arguments[0]); s.value = '4';"
        "s.dispatchEvent(new Event('change', {bubbles: true}));"
        "const c = s.closest('tr').querySelector('input'); c.value = 'Används av alla';"
        "c.dispatchEvent(new Event('change', {bubbles: true}));",
        select,
    )
    app.click("#save-response")
    app.wait_text("#toast", lambda t: t.startswith("Svaret sparades"))
    response = folder / "Svar Lena Holm 2026-12-17.samordna-svar"
    assert response.exists()
    close_package(app)

    app.go("#/moten/30")
    app.wait_text("main h1", lambda t: t == "Möte 2026-12-17")
    app.stub_dialog("choose_responses", [str(response)])
    app.click("#choose-responses")
    app.wait_text(".response-preview h3", lambda t: t == "Förhandsgranskning av 1 svarsfil(er)")
    outcome = app.text(".response-file")
    assert "Nytt svar." in outcome and "E-post och kalender" in outcome, outcome
    app.click("#import-responses")
    app.wait_text("#toast", lambda t: t.startswith("Svaren importerades"))
    lenas = scores_of(app, "Lena Holm", [f"service:{email['id']}"])
    assert any(s["criterion_id"] == criterion["id"] and s["value"] == 4 and s["comment"] == "Används av alla" for s in lenas)


def test_a_package_answered_after_the_agenda_changed_still_imports_and_the_preview_says_what_changed(app, tmp_path):
    """Two information items are added to the agenda after the packages were exported: the member's response is
    still taken, and the preview and the status say what changed since export."""
    folder = export_folder(app, tmp_path)
    app.go("#/moten/2")
    app.wait_text("main h1", lambda t: t == "Möte 2026-12-03")
    app.click("#export-package")
    app.wait_text("#toast", lambda t: t.startswith("Ledamotspaketen sparades"), timeout=30)
    package = folder / "Ledamotspaket 2026-12-03 Maria Haddad.samordna-paket"
    response = tmp_path / "Svar Maria Haddad.samordna-svar"
    # Maria answers with the command line (needs no portfolio): one initiative and one service without an item.
    cli(app.portfolio, "package", "respond", str(package), "--member", "Maria Haddad",
        "--score", "SLK-2026-00101,Strategisk förankring,4,Tydlig koppling",
        "--score", "E-post och kalender,Strategisk förankring,2,Svagare", "--out", str(response))

    # After export: two information items at the end of the agenda.
    for title in ["Information om e-arkivet", "Information från Intraservice"]:
        app.click_text("button", "Lägg till information")
        app.fill(app.field("Rubrik"), title)
    app.click_text("button", "Spara mötet")
    app.wait_text("#toast", lambda t: t == "Sparat.")
    app.wait_text(".response-status", lambda t: "Ändrat sedan senaste paketet exporterades" in t)
    assert not app.driver.find_elements("css selector", ".response-status .banner.warning"), "the packages still hold"
    since = app.texts("#since-last-package li")
    assert since == [
        "Punkt 13 ”Information om e-arkivet” har lagts till på dagordningen.",
        "Punkt 14 ”Information från Intraservice” har lagts till på dagordningen.",
    ], since

    app.stub_dialog("choose_responses", [str(response)])
    app.click("#choose-responses")
    app.wait_text(".response-preview h3", lambda t: t == "Förhandsgranskning av 1 svarsfil(er)")
    preview = app.text(".response-file")
    assert "Nytt svar." in preview, preview
    assert "Ändrat sedan paketet exporterades (2)" in preview
    assert "Punkt 13 ”Information om e-arkivet” har lagts till på dagordningen." in preview
    app.shot("package-preview-since-export")
    app.click("#import-responses")
    app.wait_text("#toast", lambda t: t.startswith("Svaren importerades"))
    app.wait_text("#response-table caption", lambda t: t == "1 av 9 ledamöter har svarat")
    anchoring = next(c["id"] for c in valued(app)[0]["criteria"] if c["name"] == "Strategisk förankring")
    marias = scores_of(app, "Maria Haddad", ["initiative:1", "service:1"])
    assert sorted((s["item"], s["value"], s["comment"]) for s in marias if s["criterion_id"] == anchoring) == [
        ("initiative:1", 4, "Tydlig koppling"),
        ("service:1", 2, "Svagare"),
    ]
