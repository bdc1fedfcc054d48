"""The benefits realisation plan in the real app: statuses against target, a measurement added and saved, and
the engine's rules shown inline."""

import json

from selenium.webdriver.support import expected_conditions as EC

from conftest import cli


def plan(app, name):
    data = json.loads(cli(app.portfolio, "export", "--format", "json"))
    return next(b for b in data["benefits"] if b["name"] == name)


def test_the_plan_shows_status_and_takes_a_new_measurement(app):
    app.go("#/initiativ/2")
    app.click("#open-benefits")
    app.wait_text("main h1", lambda t: t == "Nyttorealiseringsplan")
    items = app.texts(".benefit-list li")
    assert len(items) == 2
    assert any("Färre betalningspåminnelser" in i and "Avviker" in i for i in items), items
    assert any("Kortare handläggningstid" in i and "Enligt plan" in i for i in items), items
    assert "12 910 000 kr per år" in app.text(".benefit-overview .summary").replace("\xa0", " ")
    shown = app.find(".benefit-editor")
    app.click_text("button", "Kortare handläggningstid per leverantörsfaktura")
    app.wait(EC.staleness_of(shown))
    app.wait_text("#benefit-title", lambda t: t == "Kortare handläggningstid per leverantörsfaktura")
    assert app.text(".benefit-editor .banner").startswith("Enligt plan: 8,9 minuter uppmätt 2026-10-31")
    assert app.find(".benefit-chart polyline")
    app.shot("benefits-plan")
    app.driver.execute_script("document.querySelector('.benefit-chart').scrollIntoView({block: 'center'})")
    app.shot("benefits-chart")

    app.click_text("button", "Lägg till mätning")
    app.fill_css(".measurements tbody tr:last-child td:nth-child(1) input", "2026-12-31")
    app.fill_css(".measurements tbody tr:last-child td:nth-child(2) input", "7,9")
    app.fill_css(".measurements tbody tr:last-child td:nth-child(3) input", "Helår 2026.")
    app.click_text("button", "Spara")
    app.wait_text("#toast", lambda t: t == "Sparat.")
    app.wait_text(".benefit-editor .banner", lambda t: "7,9 minuter uppmätt 2026-12-31" in t)
    stored = plan(app, "Kortare handläggningstid per leverantörsfaktura")
    assert stored["measurements"][-1] == {"date": "2026-12-31", "value": "7.9", "comment": "Helår 2026."}

    # The engine's rules, inline: the target date must come after the baseline date.
    app.fill(app.field("Måldatum"), "2025-01-01")
    app.click_text("button", "Spara")
    message = app.wait_text('[data-field="target_date"] .field-message', lambda t: t != "")
    assert "efter datum för utgångsläget" in message, message
    assert plan(app, "Kortare handläggningstid per leverantörsfaktura")["target_date"] == "2027-06-30"


def test_the_calculation_gives_npv_and_payback_at_the_chosen_rate(app):
    app.go("#/initiativ/2/nyttor")
    app.wait_text("main h1", lambda t: t == "Nyttorealiseringsplan")
    app.fill(app.find("#appraisal-rate"), "0")
    app.click("#appraise")
    npv = app.wait_text("#appraisal-npv", lambda t: t != "")
    # At 0 % the NPV is the plain sum: 4 × 12 910 000 of benefits less 1 790 000 of costs over the four years.
    assert npv.replace("\xa0", " ") == "49 850 000,00 kr", npv
    assert "Återbetalningstid" in app.text(".appraisal-result")
