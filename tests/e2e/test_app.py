"""The app does what a secretary does with it, and the engine sees the result."""

import json

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from conftest import cli


def test_opens_the_sample_portfolio_in_swedish(app):
    assert app.driver.title == "Samordna"
    assert app.text(".view-header h1") == "Initiativ"
    summary = app.text(".summary")
    assert summary.startswith("44 av 44 initiativ"), summary
    assert app.text("#portfolio-name") == "Portfölj.samordna"
    assert app.text(".sidebar a[aria-current=page]") == "Initiativ"
    rows = app.driver.find_elements(By.CSS_SELECTOR, "#initiative-table tbody tr")
    assert len(rows) == 44
    app.shot("01-initiatives")


def test_filters_and_search_narrow_the_overview(app):
    app.select("Spår", "Verksamhetsspecifik")
    app.wait_text(".summary", lambda t: t.startswith("15 av 44"))
    search = app.find("#filter-text")
    search.send_keys("bibliotek")
    app.wait_text(".summary", lambda t: t.startswith("1 av 44"))
    assert "KUF-2026-00019" in app.text("#initiative-table tbody tr")
    # Sorting by development cost, largest first, puts the smart meters on top of the business-specific track.
    app.fill(search, "")
    app.wait_text(".summary", lambda t: t.startswith("15 av 44"))
    app.click_text("button", "Utveckling")
    app.click("th[aria-sort=ascending] button")
    app.wait(lambda d: app.text("th[aria-sort=descending]").startswith("Utveckling"))
    assert app.text("#initiative-table tbody tr").startswith("GEN-2026-00009")


def test_creates_an_initiative_that_the_engine_then_holds(app):
    app.click("#new-initiative")
    app.visible("form.record-form")
    app.type("Diarienummer", "SLK-2026-00777")
    app.type("Titel", "Gemensam tolkbokning för skola och socialtjänst")
    app.select("Ägare", "Grundskolenämnden")
    app.select("Leverantör", "Demokrati och medborgarservice")
    app.select("Status", "Analys")
    development = app.driver.find_element(By.CSS_SELECTOR, "input[aria-label='Utveckling 2026']")
    development.clear()
    development.send_keys("1 250 000,50")
    app.driver.execute_script("arguments[0].dispatchEvent(new Event('change'))", development)
    app.shot("02-new-initiative")
    app.click("button[type=submit].primary")
    app.wait_text(".view-header h1", lambda t: "SLK-2026-00777" in t)

    stored = json.loads(cli(app.portfolio, "initiatives", "show", "SLK-2026-00777", "--json"))
    assert stored["title"] == "Gemensam tolkbokning för skola och socialtjänst"
    assert stored["state"] == "analys"
    assert stored["costs"][0]["development"] == 125_000_050, "1 250 000,50 kr in öre"
    organisations = json.loads(cli(app.portfolio, "export", "--format", "json"))["organisations"]
    owner = next(o for o in organisations if o["id"] == stored["owner_id"])
    assert owner["name"] == "Grundskolenämnden"

    # The history of the new record says who created it.
    app.click("#record-history summary")
    change = app.visible("#record-history .change-head")
    assert "Anna Lindqvist" in change.text and "skapade" in change.text


def test_bad_input_gets_swedish_messages_and_nothing_is_saved(app):
    before = cli(app.portfolio, "export", "--format", "json")
    app.click("#new-initiative")
    app.type("Diarienummer", "2026/777")
    app.select("Ägare", "Kulturnämnden")
    amount = app.driver.find_element(By.CSS_SELECTOR, "input[aria-label='Förvaltning 2027']")
    amount.send_keys("tolv kronor")
    app.driver.execute_script("arguments[0].dispatchEvent(new Event('change'))", amount)
    app.click("button[type=submit].primary")
    summary = app.wait_text(".form-summary", lambda t: t != "")
    assert summary.startswith("Rätta"), summary
    messages = [m for m in app.texts(".field-message") if m]
    assert "Fel format. Skriv t.ex. SLK-2026-00123." in messages, messages
    assert any(m.startswith("Skriv ett belopp i kronor") for m in messages), messages
    app.shot("03-validation")
    # Correct the amount; the engine now names the remaining problems.
    amount.clear()
    amount.send_keys("0")
    app.driver.execute_script("arguments[0].dispatchEvent(new Event('change'))", amount)
    app.click("button[type=submit].primary")
    app.wait(lambda d: not any(m.startswith("Skriv ett belopp") for m in app.texts(".field-message")))
    assert "Fyll i fältet." in app.texts(".field-message")
    case_number = app.field("Diarienummer")
    assert case_number.get_attribute("aria-invalid") == "true"
    assert cli(app.portfolio, "export", "--format", "json") == before


def test_edits_are_recorded_in_the_change_history(app):
    app.go("#/initiativ/4")
    app.visible("form.record-form")
    app.type("Titel", "E-arkiv steg 2: avslutade ärenden och gallring")
    app.field("Titel").send_keys(Keys.CONTROL, "s")
    app.wait_text(".view-header h1", lambda t: "gallring" in t)
    app.click_text("a", "Ändringshistorik")
    first = app.wait_text("#recent-changes .change", lambda t: "Anna Lindqvist" in t)
    assert "E-arkiv steg 2: avslutade ärenden och gallring" in first
    assert "Titel" in first
    app.shot("04-history")


def test_organisations_can_be_added_and_used_ones_not_deleted(app):
    app.click_text("a", "Organisationer")
    app.visible(".editor form")
    app.type("Namn", "Nämnden för arbetsmarknad och vuxenutbildning")
    app.select("Typ", "Nämnd")
    app.click(".editor button[type=submit]")
    app.wait(lambda d: any("arbetsmarknad" in row for row in app.texts("table.data tbody tr")))
    def names():
        return [o["name"] for o in json.loads(cli(app.portfolio, "export", "--format", "json"))["organisations"]]

    assert "Nämnden för arbetsmarknad och vuxenutbildning" in names()
    # Kulturnämnden owns initiatives: what depends on it is said before anything is asked, and it is not offered
    # for deletion.
    app.click_text("button", "Kulturnämnden")
    app.click(".editor button.danger")
    told = app.wait_text("#ask-text", lambda t: "Kulturnämnden kan inte tas bort" in t)
    assert "hänvisar till den" in told, told
    assert not app.driver.find_elements("css selector", "#ask-confirm")
    app.shot("ask-in-use")
    app.click("#ask-cancel")
    app.wait(lambda d: not d.find_elements("css selector", "#ask-dialog"))
    # A record nothing refers to: the app asks in its own dialog (window.confirm is asynchronous under Tauri and
    # never stopped a deletion); the safe answer has the focus, and cancelling deletes nothing.
    app.click_text("button", "Nämnden för arbetsmarknad och vuxenutbildning")
    app.click(".editor button.danger")
    question = app.wait_text("#ask-text", lambda t: "Nämnden för arbetsmarknad" in t)
    assert app.driver.execute_script("return document.activeElement.id") == "ask-cancel", question
    app.shot("ask-delete")
    app.click("#ask-cancel")
    app.wait(lambda d: not d.find_elements("css selector", "#ask-dialog"))
    assert "Nämnden för arbetsmarknad och vuxenutbildning" in names()
    app.click(".editor button.danger")
    app.wait_text("#ask-text", lambda t: "Nämnden för arbetsmarknad" in t)
    app.click("#ask-confirm")
    app.wait(lambda d: "Nämnden för arbetsmarknad och vuxenutbildning" not in names())
    app.shot("05-organisations")


def test_language_switch_and_settings(app):
    app.click("#action-language")
    app.wait_text(".view-header h1", lambda t: t == "Initiatives")
    assert app.text(".sidebar a[aria-current=page]") == "Initiatives"
    assert json.loads(app.settings.read_text())["language"] == "en"
    app.click("#action-language")
    app.wait_text(".view-header h1", lambda t: t == "Initiativ")
    app.click("#action-settings")
    name = app.visible("#settings-name")
    name.clear()
    name.send_keys("Erik Johansson")
    app.click("#settings-save")
    app.wait_text("#action-settings", lambda t: t == "Erik Johansson")
    assert json.loads(app.settings.read_text())["member_name"] == "Erik Johansson"


def test_opening_a_file_that_is_not_a_portfolio_is_refused_in_swedish(app, tmp_path):
    text_file = tmp_path / "anteckningar.samordna"
    text_file.write_text("inte en portfölj")
    result = app.invoke("open_portfolio", {"path": str(text_file)})
    assert result["error"]["code"] == "not_a_portfolio"
    assert text_file.read_text() == "inte en portfölj"


def test_every_view_renders_in_both_languages(app):
    views = [
        ("#/initiativ", "Initiativ", "Initiatives"),
        ("#/initiativ/1", "SLK-2026-00101 Ny e-tjänsteplattform", "SLK-2026-00101 Ny e-tjänsteplattform"),
        ("#/tjanster", "Tjänstekatalog", "Service catalogue"),
        ("#/tjanster/1", "E-post och kalender", "E-post och kalender"),
        ("#/organisationer", "Organisationer", "Organisations"),
        ("#/leverantorer", "Leverantörer av gemensamma tjänster", "Providers of shared services"),
        ("#/historik", "Ändringshistorik", "Change history"),
    ]
    for language in ("sv", "en"):
        for index, (route, swedish, english) in enumerate(views):
            app.go(route)
            expected = swedish if language == "sv" else english
            app.wait_text("main h1", lambda t, expected=expected: t == expected)
            assert app.text("#alert") == "", f"{route}: {app.text('#alert')}"
            app.shot(f"view-{language}-{index}-{route.strip('#/').replace('/', '-')}")
        if language == "sv":
            app.click("#action-language")
            app.wait_text("#action-language", lambda t: t == "Svenska")


def test_the_initiative_list_exports_to_excel(app, tmp_path):
    folder = tmp_path / "export"
    assert app.invoke("save_paper_settings", {"papersFolder": str(folder), "openAfterExport": False}) is None
    app.click("#export-initiatives")
    toast = app.wait_text("#toast", lambda t: t.startswith("Sparad:"), timeout=30)
    assert "Initiativ.xlsx" in toast and "44 rader" in toast, toast
    assert (folder / "Initiativ.xlsx").read_bytes()[:2] == b"PK", "an XLSX file is a zip archive"


def test_backups_are_listed_made_and_restored(app):

    app.go("#/sakerhetskopior")
    app.wait_text("main h1", lambda t: t == "Säkerhetskopior")
    # Opening the portfolio made the day's backup.
    app.wait_text("#backup-table caption", lambda t: t == "1 säkerhetskopior, senaste först")
    first = app.texts("#backup-table tbody th")[0]
    # A change after the backup, then the backup restored: the change is gone, and kept as a backup itself.
    app.go("#/organisationer")
    app.click_text("button", "Ny organisation")
    app.type("Namn", "Nämnden som ångrades")
    app.click_text("button", "Spara")
    app.wait_text("#toast", lambda t: t == "Sparat.")
    app.go("#/sakerhetskopior")
    app.wait_text("#backup-table caption", lambda t: t.startswith("1 "))
    app.click(f'#backup-table button[aria-label="Återställ kopian från {first} (daglig)"]')
    app.wait_text("#ask-text", lambda t: first in t)
    app.click("#ask-confirm")
    app.wait_text("#toast", lambda t: t.startswith("Kopian är återställd"))
    app.wait_text("#backup-table caption", lambda t: t.startswith("2 "))
    assert app.texts("#backup-table tbody td:nth-child(2)") == ["Före återställning", "Daglig"]
    data = json.loads(cli(app.portfolio, "export", "--format", "json"))
    assert "Nämnden som ångrades" not in [o["name"] for o in data["organisations"]]
    app.shot("backups")
