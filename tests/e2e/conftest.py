"""End-to-end tests of the real desktop app: tauri-driver + WebKitWebDriver drive the built binary under Xvfb.

Run through `scripts/test` (which builds the app and the CLI first), or by hand:
    xvfb-run -a .venv/bin/pytest tests/e2e
Set E2E_SCREENSHOTS=DIR to keep a screenshot of each step worth looking at.
"""

import json
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "debug"
APP = TARGET / "samordna-app"
CLI = TARGET / "samordna"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(portfolio, *args):
    """Runs the samordna CLI on a portfolio and returns its standard output."""
    result = subprocess.run(
        [str(CLI), "--portfolio", str(portfolio), *args],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "SAMORDNA_USER": "e2e"},
    )
    return result.stdout


class App:
    """A running Samordna with a WebDriver session and the files it uses."""

    def __init__(self, driver, portfolio, settings, screenshots):
        self.driver = driver
        self.portfolio = portfolio
        self.settings = settings
        self.screenshots = screenshots

    def wait(self, condition, timeout=10):
        return WebDriverWait(self.driver, timeout).until(condition)

    def go(self, route):
        """Goes to `route` (`#/...`) in the running app, as following a link there would."""
        self.driver.get(self.driver.current_url.split("#")[0] + route)

    def arrive(self, route):
        """Goes to `route` and waits until its view is drawn: the previous view's heading gone (views that load
        their data first keep the old view until then) and the new one there."""
        leaving = self.driver.execute_script(
            "return location.hash === arguments[0] ? null : document.querySelector('main h1')", route
        )
        self.go(route)
        if leaving is not None:
            self.wait(EC.staleness_of(leaving))
        self.wait(lambda d: self.text("main h1") != "")

    def find(self, css):
        return self.wait(EC.presence_of_element_located((By.CSS_SELECTOR, css)))

    def visible(self, css):
        return self.wait(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))

    def click(self, css):
        element = self.wait(EC.element_to_be_clickable((By.CSS_SELECTOR, css)))
        # WebKitWebDriver does not scroll inside the app's own scrolling area (main), so bring it into view first.
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()
        return element

    def click_text(self, tag, text):
        xpath = f"//{tag}[normalize-space()={json.dumps(text, ensure_ascii=False)}]"
        element = self.wait(EC.element_to_be_clickable((By.XPATH, xpath)))
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()
        return element

    def field(self, label):
        """The control of the form field whose label is `label`."""
        xpath = f"//label[normalize-space()={json.dumps(label, ensure_ascii=False)}]"
        label_element = self.wait(EC.presence_of_element_located((By.XPATH, xpath)))
        return self.driver.find_element(By.ID, label_element.get_attribute("for"))

    def select(self, label, option_text):
        """Chooses an option by its text. Set through the DOM: clicking an option would open GTK's native
        popup menu, which WebDriver cannot close."""
        control = self.field(label)
        chosen = self.driver.execute_script(
            "const [select, text] = arguments;"
            "const option = [...select.options].find(o => o.text === text);"
            "if (!option) return false;"
            "select.value = option.value; select.dispatchEvent(new Event('change', {bubbles: true}));"
            "return true;",
            control,
            option_text,
        )
        assert chosen, f"no option {option_text!r} in {label!r}"

    def text(self, css):
        """The rendered text of the first element matching `css` ('' when there is none), read in the page so a
        re-render between finding and reading cannot make it stale."""
        return self.driver.execute_script(
            "const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : '';", css
        )

    def texts(self, css):
        return self.driver.execute_script(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.innerText.trim());", css
        )

    def wait_text(self, css, predicate, timeout=10):
        """Waits until the text of `css` satisfies `predicate`; returns it."""
        self.wait(lambda d: predicate(self.text(css)), timeout)
        return self.text(css)

    def type(self, label, text):
        control = self.field(label)
        control.clear()
        control.send_keys(text)
        self.driver.execute_script("arguments[0].dispatchEvent(new Event('change'))", control)
        return control

    def fill(self, element, text):
        """Replaces an input's text as typing would, with its input and change events."""
        self.driver.execute_script(
            "const [e, text] = arguments; e.value = text;"
            "e.dispatchEvent(new Event('input', {bubbles: true}));"
            "e.dispatchEvent(new Event('change', {bubbles: true}));",
            element,
            text,
        )

    def fill_css(self, css, text):
        """Like `fill`, for the element matching `css` at the moment of filling: safe when the view re-renders
        between finding the element and typing into it."""
        self.wait(
            lambda d: d.execute_script(
                "const [css, text] = arguments; const e = document.querySelector(css);"
                "if (!e) return false; e.value = text;"
                "e.dispatchEvent(new Event('input', {bubbles: true}));"
                "e.dispatchEvent(new Event('change', {bubbles: true}));"
                "return true;",
                css,
                text,
            )
        )

    def invoke(self, command, args=None):
        """Calls a backend command the way the UI does and returns its result."""
        return self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "window.__TAURI__.core.invoke(arguments[0], arguments[1]).then(done, e => done({error: e}));",
            command,
            args or {},
        )

    def stub_dialog(self, command, result=None, instead=None):
        """Makes the UI's file dialog command `command` answer `result` (or call command `instead` with `result`
        as its arguments) without opening a native dialog, which WebDriver cannot drive. Everything else still
        goes to the real backend."""
        # Tauri's API object is frozen, so the stub replaces `window.__TAURI__` with a copy whose `core.invoke`
        # answers the stubbed commands; backend.js reads `window.__TAURI__` on every call.
        replaced = self.driver.execute_script(
            "const [command, result, instead] = arguments;"
            "window.__realTauri = window.__realTauri ?? window.__TAURI__; const real = window.__realTauri.core.invoke;"
            "window.__stubs = window.__stubs ?? {}; window.__stubs[command] = {result, instead};"
            "const invoke = (c, a) => { const stub = window.__stubs[c];"
            "  if (!stub) return real(c, a);"
            "  return stub.instead ? real(stub.instead, stub.result) : Promise.resolve(stub.result); };"
            "window.__TAURI__ = {...window.__realTauri, core: {...window.__realTauri.core, invoke}};"
            "return window.__TAURI__.core.invoke === invoke;",
            command,
            result,
            instead,
        )
        assert replaced, "the Tauri API could not be stubbed"

    def shot(self, name):
        if self.screenshots:
            self.driver.get_screenshot_as_file(str(Path(self.screenshots) / f"{name}.png"))


@pytest.fixture
def app(tmp_path):
    if not APP.exists() or not CLI.exists():
        pytest.fail(f"build the app and the CLI first: {APP}, {CLI}")
    portfolio = tmp_path / "Portfölj.samordna"
    cli(portfolio, "init", "--sample")
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"member_name": "Anna Lindqvist", "language": "sv", "recent": []}))
    env = {
        **os.environ,
        "SAMORDNA_SETTINGS": str(settings),
        "SAMORDNA_DATA_DIR": str(tmp_path / "data"),
    }
    driver, process, driver_log = start_driver(tmp_path, env, portfolio)
    try:
        driver.set_script_timeout(10)
        running = App(driver, portfolio, settings, os.environ.get("E2E_SCREENSHOTS"))
        running.find("body[data-ready=true]")
        yield running
        driver.quit()
    finally:
        process.terminate()
        process.wait(timeout=10)
        driver_log.close()


def start_driver(tmp_path, env, portfolio, attempts=3):
    """Starts tauri-driver (and the WebKitWebDriver behind it) on free ports and opens the app through it.

    A port found free can be taken again before WebKitWebDriver binds it ("Unable to listen for HTTP server"): the
    session then fails before the app starts. That is the test machine's race, not the app's, so it is tried again
    on new ports, a few times; a failure after the app has started is never retried."""
    tauri_driver = shutil.which("tauri-driver") or str(Path.home() / ".cargo/bin/tauri-driver")
    for attempt in range(1, attempts + 1):
        port = free_port()
        native_port = free_port()
        driver_log = open(tmp_path / f"tauri-driver-{attempt}.log", "w")
        process = subprocess.Popen(
            [tauri_driver, "--port", str(port), "--native-port", str(native_port)],
            env=env,
            stdout=driver_log,
            stderr=subprocess.STDOUT,
        )
        try:
            # tauri-driver listens at once; the WebKitWebDriver it starts behind it takes a moment longer.
            for listening in (port, native_port):
                deadline = time.time() + 20
                while True:
                    try:
                        socket.create_connection(("127.0.0.1", listening), timeout=0.5).close()
                        break
                    except OSError:
                        if time.time() > deadline:
                            raise
                        time.sleep(0.1)
            options = ArgOptions()
            options.set_capability("browserName", "wry")
            options.set_capability("tauri:options", {"application": str(APP), "args": [str(portfolio)]})
            driver = webdriver.Remote(command_executor=f"http://127.0.0.1:{port}", options=options)
            return driver, process, driver_log
        except Exception:
            process.terminate()
            process.wait(timeout=10)
            driver_log.close()
            if attempt == attempts:
                raise
            time.sleep(0.5)
