"""The service form in the real app (issue 17, part B): the year's compliance with the city's baseline security level
in words, customers picked from the organisations, personal data with each customer's data processing agreement, and
a refused move to "I drift" that lists everything the catalogue still lacks."""

import json

from conftest import cli


def sample(app):
    return json.loads(cli(app.portfolio, "export", "--format", "json"))


def service_id(data, name):
    return next(s["id"] for s in data["services"] if s["name"] == name)


def organisation_id(data, name):
    return next(o["id"] for o in data["organisations"] if o["name"] == name)


def test_the_form_says_in_words_how_a_service_stands_against_the_baseline(app):
    data = sample(app)
    app.go(f"#/tjanster/{service_id(data, 'IT-servicedesk')}")
    app.wait_text(".view-header h1", lambda t: t == "IT-servicedesk")
    text = app.wait_text("#service-compliance", lambda t: t != "")
    assert text.startswith("Under stadens grundsäkerhetsnivå för"), text
    assert "(K1 R2 T2) i: Riktighet (R)" in text, text
    app.go(f"#/tjanster/{service_id(data, 'Inköpskonsult')}")
    app.wait_text(".view-header h1", lambda t: t == "Inköpskonsult")
    assert app.wait_text("#service-compliance", lambda t: t != "") == "Hanterar ingen information: ingen klassning behövs."
    assert app.field("Hanterar ingen information").is_selected()
    # The list shows the same in a column of words.
    app.go("#/tjanster")
    app.wait(lambda d: any(t.startswith("Under (") for t in app.texts("td.compliance")))
    row = next(t for t in app.texts("tr") if t.startswith("IT-servicedesk"))
    assert "Under (R)" in row, row
    app.shot("services-compliance")


def test_the_baseline_is_edited_per_year_on_the_parameters_page(app):
    app.go("#/parametrar")
    app.wait_text(".view-header h1", lambda t: t == "Parametrar")
    chosen = lambda aspect: app.driver.execute_script(
        "const s = document.getElementById(arguments[0]); return s.options[s.selectedIndex].text;", f"baseline-2027-{aspect}"
    )
    assert [chosen(a) for a in ("confidentiality", "integrity", "availability")] == ["K1", "R2", "T2"]
    app.driver.execute_script(
        "const s = document.getElementById('baseline-2027-confidentiality'); s.value = '2';"
        "s.dispatchEvent(new Event('change', {bubbles: true}));"
    )
    app.click_text("button", "Spara")
    app.wait_text("#toast", lambda t: t == "Sparat.")
    years = sample(app)["parameters"]["years"]
    assert next(y for y in years if y["year"] == 2027)["security_baseline"] == {"confidentiality": 2, "integrity": 2, "availability": 2}
    assert next(y for y in years if y["year"] == 2026)["security_baseline"] == {"confidentiality": 1, "integrity": 2, "availability": 2}
    app.driver.execute_script("document.getElementById('baseline-2027').scrollIntoView({block: 'center'})")
    app.shot("parameters-baseline")


def test_a_missing_data_processing_agreement_is_flagged_and_recording_it_clears_the_flag(app):
    data = sample(app)
    interpreting = service_id(data, "Tolkförmedling")
    sydvast = organisation_id(data, "Socialnämnd Sydväst")
    app.go(f"#/tjanster/{interpreting}")
    app.wait_text(".view-header h1", lambda t: t == "Tolkförmedling")
    warning = app.wait_text("#dpa-warning", lambda t: t != "")
    assert warning.endswith("saknar personuppgiftsbiträdesavtal: Socialnämnd Sydväst."), warning
    assert app.field("Behandlar personuppgifter").is_selected()
    assert "Saknar avtal" in app.text(f"#dpa-table tr:has(#dpa-{sydvast})")
    app.driver.execute_script("document.getElementById('dpa-warning').scrollIntoView({block: 'start'})")
    app.shot("services-dpa-missing")
    app.fill_css(f"#dpa-{sydvast}", "PUB-DMS-2026-14")
    app.click_text("button", "Spara")
    app.wait_text("#toast", lambda t: t == "Sparat.")
    stored = next(s for s in sample(app)["services"] if s["id"] == interpreting)
    assert {"organisation_id": sydvast, "dpa_reference": "PUB-DMS-2026-14"} in stored["customers"]
    app.wait(lambda d: app.find("#dpa-warning").get_attribute("hidden") is not None)


def test_customers_are_picked_and_going_into_operation_is_refused_with_what_the_catalogue_lacks(app):
    data = sample(app)
    catalogue = service_id(data, "Avtalskatalog")
    culture = organisation_id(data, "Kulturnämnden")
    app.go(f"#/tjanster/{catalogue}")
    app.wait_text(".view-header h1", lambda t: t == "Avtalskatalog")
    app.click(f"#customer-{culture}")
    app.select("Status", "I drift")
    app.click_text("button", "Spara")
    alert = app.wait_text("#alert", lambda t: t != "")
    assert "Avtalskatalog kan inte vara I drift ännu. Saknar: ett pris med enhet, krav för anslutning." in alert, alert
    app.shot("services-refused")
    app.click("#alert button")
    # With what was missing filled in, it goes into operation with its new customer.
    app.select("Status", "Planerad")
    app.click_text("button", "Spara")
    app.wait_text("#toast", lambda t: t == "Sparat.")
    stored = next(s for s in sample(app)["services"] if s["id"] == catalogue)
    assert stored["state"] == "planerad"
    assert {"organisation_id": culture, "dpa_reference": ""} in stored["customers"]
    app.type("Pris (kr)", "0")
    app.type("Enhet", "sökning (finansieras med kommunbidrag)")
    app.type("Krav för anslutning", "Inloggning med stadens konto.")
    app.select("Status", "I drift")
    app.click_text("button", "Spara")
    app.wait_text("#toast", lambda t: t == "Sparat.")
    assert next(s for s in sample(app)["services"] if s["id"] == catalogue)["state"] == "i_drift"


def test_a_services_new_funding_case_starts_from_its_customers(app):
    data = sample(app)
    payroll = next(s for s in data["services"] if s["name"] == "Lönetjänst")
    app.go(f"#/tjanster/{payroll['id']}/finansiering")
    app.click("#create-funding")
    app.wait(lambda d: len(app.texts("table.volumes tbody tr")) == len(payroll["customers"]))
    chosen = app.driver.execute_script(
        "return [...document.querySelectorAll('table.volumes tbody tr select')].map(s => s.options[s.selectedIndex].text)"
    )
    names = {o["id"]: o["name"] for o in data["organisations"]}
    assert sorted(chosen) == sorted(names[c["organisation_id"]] for c in payroll["customers"])
    # Removing one and asking for the service's customers adds it back, once.
    app.click("table.volumes tbody tr button")
    app.wait(lambda d: len(app.texts("table.volumes tbody tr")) == len(payroll["customers"]) - 1)
    app.click("#add-service-customers")
    app.wait(lambda d: len(app.texts("table.volumes tbody tr")) == len(payroll["customers"]))
