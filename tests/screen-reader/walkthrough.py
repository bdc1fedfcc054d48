#!/usr/bin/python3
"""A screen-reader walkthrough of the real app with Orca (issue 8, docs/accessibility.md).

Starts the app on the sample portfolio and the Orca screen reader under a virtual display, works through tasks
with the keyboard only (xdotool), and checks what Orca says, from Orca's debug log (speech is logged even where
no synthesiser is installed). Each scenario prints its transcript: what a blind user hears, step by step.

Not part of `scripts/test`: Orca answers at its own pace and prunes events under load, so this is a check to run
and read, not a gate. Run it with `scripts/screen-reader-check` (installs Orca and starts the buses it needs).
It uses the system Python, which has Orca's bindings.
"""

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = Path(os.environ.get("APP", ROOT / "target" / "debug" / "samordna-app"))
# Seconds to let the app and Orca answer a step (the debug build under Xvfb is slow).
STEP_WAIT = float(os.environ.get("STEP_WAIT", "2.5"))
# Orca echoes keys; they are no part of what the app says.
KEY_ECHOES = {"tab", "shift+tab", "return", "space", "down", "up", "escape", "left control", "left shift"}

def member_package(folder):
    """A member package for the sample's planned meeting, made with the CLI; the app opens it as its argument."""
    cli = APP.with_name("samordna")
    portfolio, packages = folder / "secretary.samordna", folder / "paket"
    subprocess.run([str(cli), "-p", str(portfolio), "init", "--sample"], check=True, capture_output=True)
    subprocess.run([str(cli), "-p", str(portfolio), "--user", "Sekreterare", "package", "export", "--meeting", "2",
                    "--out", str(packages)], check=True, capture_output=True)
    # One package per member: Ahmed Rashid's.
    return [str(packages / "Ledamotspaket 2026-12-03 Ahmed Rashid.samordna-paket")]


# (name, steps, phrases Orca must say somewhere in the scenario). A step is (label, keys); a key is an xdotool
# key name or "type:TEXT"; an optional fourth part makes the app's arguments in the scenario's folder. Every
# scenario starts on the skip link, the first thing Tab reaches.
SCENARIOS = [
    (
        "Header and the recent-portfolios menu",
        [("Tab ×4", ["Tab"] * 4), ("open the menu", ["Return"]), ("close it", ["Escape"])],
        ["landmark Portfölj", "Ny… push button", "Senaste collapsed push button", "List with 2 items",
         "Exempelportföljen push button"],
    ),
    (
        "Moving to another view",
        [("Tab to Livscykel", ["Tab"] * 9), ("follow the link", ["Return"]), ("Tab", ["Tab"])],
        ["Livscykel link", "landmark Livscykel", "Spår combo box"],
    ),
    (
        "Initiatives: search and the table",
        [("skip to content", ["Return"]), ("Tab to search", ["Tab"] * 4), ("type", ["type:skol"]),
         ("Tab ×7 to the table", ["Tab"] * 7), ("Tab", ["Tab"])],
        ["landmark Initiativ", "Sök entry", "Diarienummer push button", "Titel push button"],
    ),
    (
        "A new initiative saved without a title",
        [("skip to content", ["Return"]), ("Tab to Nytt initiativ", ["Tab"] * 3), ("open", ["Return"]),
         ("Tab to Titel", ["Tab"] * 3), ("save with Enter", ["Return"])],
        ["Nytt initiativ push button", "landmark Nytt initiativ", "Titel entry", "Fyll i fältet"],
    ),
    (
        "Scoring as a member",
        [("Tab to Poängsättning", ["Tab"] * 19), ("open", ["Return"]), ("Tab to the member", ["Tab", "Tab"]),
         ("choose a member", ["Down"]), ("Tab into the table", ["Tab"]), ("next cell", ["Tab"])],
        ["landmark Poängsättning", "Poängsätt som combo box", "Ahmed Rashid", "Poängsättning. | table with",
         "4. | Avgörande för att nå", "Nytta för invånare combo box"],
    ),
    (
        "Settings dialog",
        [("Tab to the name", ["Tab"] * 5), ("open", ["Return"]), ("Tab", ["Tab"]), ("Tab", ["Tab"]),
         ("close", ["Escape"])],
        ["Ange ditt namn push button", "Ditt namn entry", "Namnet står i ändringshistoriken", "Språk panel",
         "radio button"],
    ),
    (
        "A member scores from a package",
        [("skip to content", ["Return"]), ("Tab to the packet", ["Tab", "Tab"]), ("Tab past the agenda", ["Tab"] * 7),
         ("Tab", ["Tab"]), ("Tab", ["Tab"]), ("Tab", ["Tab"]), ("Tab", ["Tab"])],
        ["landmark Ledamotspaket", "Öppna Mötespaket 2026-12-03.pdf push button", "Ahmed Rashid",
         "landmark Poängsättning", "Strategisk förankring combo box", "Avgörande för att nå",
         "Kommentar (syns för gruppen) entry"],
        member_package,
    ),
]


def key(name):
    if name.startswith("type:"):
        subprocess.run(["xdotool", "type", "--delay", "60", name[5:]], check=True)
    else:
        subprocess.run(["xdotool", "key", name], check=True)


class Orca:
    """Orca with its debug log; `said()` gives what it spoke since the last call."""

    def __init__(self, folder):
        self.log = folder / "orca.out"
        self.process = subprocess.Popen(
            ["orca", "-u", str(folder / "orca"), "--debug-file", str(self.log)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self.seen = 0
        time.sleep(6)

    def spoken(self):
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return [m.group(1).strip() for m in re.finditer(r"SPEECH OUTPUT: '(.*?)'\s*(?:\{|$)", text, re.M)]

    def said(self):
        # Orca's debug file is block-buffered: key presses with no effect in the app push the output out.
        for _ in range(3):
            key("ctrl")
            time.sleep(0.3)
        last, quiet = -1, 0
        while quiet < 4:
            count = len(self.spoken())
            quiet, last = (quiet + 1, last) if count == last else (0, count)
            time.sleep(0.3)
        lines = self.spoken()
        new, self.seen = lines[self.seen:], len(lines)
        return [line for line in new if line.lower() not in KEY_ECHOES and line]

    def stop(self):
        self.process.terminate()


def run(name, steps, expected, arguments=None):
    folder = Path(tempfile.mkdtemp(prefix="samordna-sr-"))
    env = {**os.environ, "GTK_A11Y": "atspi", "SAMORDNA_SETTINGS": str(folder / "settings.json"),
           "SAMORDNA_DATA_DIR": str(folder / "data"), "SAMORDNA_REPORT_READY": "1"}
    extra = arguments(folder) if arguments else []
    app = subprocess.Popen([str(APP), *extra], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    orca = None
    try:
        deadline = time.time() + 60
        while not app.stdout.readline().startswith("samordna-ready"):
            if time.time() > deadline:
                raise RuntimeError("the app never said it was ready")
        orca = Orca(folder)
        print(f"\n## {name}\n")
        transcript = orca.said()
        # The first Tab in a new window may land on the web view itself: Tab until the skip link speaks.
        for _ in range(3):
            key("Tab")
            time.sleep(STEP_WAIT)
            transcript += orca.said()
            if "Hoppa till innehållet link" in " | ".join(transcript):
                break
        else:
            raise RuntimeError(f"Tab never reached the skip link: {transcript}")
        print(f"- (start, Tab to the skip link): {' | '.join(transcript)}")
        for label, keys in steps:
            for k in keys:
                key(k)
                time.sleep(0.5)
            time.sleep(STEP_WAIT)
            said = orca.said()
            transcript += said
            print(f"- {label}: {' | '.join(said)}")
        whole = " | ".join(transcript)
        missing = [phrase for phrase in expected if phrase not in whole]
        print(f"\n{'missing: ' + '; '.join(missing) if missing else 'all expected phrases were said'}")
        return not missing
    finally:
        if orca:
            orca.stop()
        app.terminate()
        app.wait()


def main():
    if not APP.exists():
        sys.exit(f"build the app first: cargo build -p samordna-app ({APP})")
    wanted = sys.argv[1:]
    results = [run(*scenario) for scenario in SCENARIOS if not wanted or any(w in scenario[0] for w in wanted)]
    print(f"\n{sum(results)} of {len(results)} scenarios said everything expected")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
