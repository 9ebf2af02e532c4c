"""The text of the Datenschutz page that setup_portal writes on every site: what the
portal stores, why and for how long. Figures come from the settings and the code that
enforces them, so the page says what the software really does."""

from django.conf import settings
from django.utils.html import escape

from people.views import REVEALS_PER_HOUR
from srk_site.security import origin_of

# Server logs are the web server's and the operator's business; docs/deployment.md
# rotates them after this many days, and the page promises the same.
SERVER_LOG_DAYS = 14


def _section(heading, *paragraphs):
    return [
        {"type": "heading", "value": {"text": heading, "level": "h2"}},
        *({"type": "paragraph", "value": html} for html in paragraphs),
    ]


def privacy_body():
    """StreamField data for the Datenschutz page."""
    days = settings.SRK_PROPOSAL_RETENTION_DAYS
    lockout_minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    tiles = escape(origin_of(settings.SRK_MAP_TILE_URL) or "dem eigenen Kartenserver")
    return [
        *_section(
            "Verantwortlich",
            "<p>Verantwortlich für diese Website ist die im Impressum genannte Stelle. "
            "Fragen zum Datenschutz richten Sie bitte an die dort genannte Adresse oder an "
            "die Datenschutzbeauftragte der Stadt Köln.</p>",
        ),
        *_section(
            "Wenn Sie die Website besuchen",
            "<p>Diese Website setzt für Besucher*innen <b>keine Cookies</b>, verwendet "
            "<b>keine Analyse-, Tracking- oder Werbedienste</b> und lädt Schriften, Skripte "
            "und Bilder nur vom eigenen Server.</p>",
            "<p>Der Webserver schreibt bei jedem Abruf ein Protokoll: IP-Adresse, Datum und "
            "Uhrzeit, aufgerufene Adresse, übertragene Datenmenge, Statuscode und die "
            "Kennung Ihres Browsers. Wir brauchen diese Angaben, um die Website sicher zu "
            "betreiben und Fehler zu finden (Art. 6 Abs. 1 lit. e DSGVO). Die Protokolle "
            f"werden nach {SERVER_LOG_DAYS} Tagen gelöscht und nicht mit anderen Daten "
            "zusammengeführt.</p>",
        ),
        *_section(
            "E-Mail-Adressen im Adressverzeichnis",
            "<p>E-Mail-Adressen von Einrichtungen erscheinen erst, wenn Sie auf "
            "„E-Mail-Adresse anzeigen“ drücken. Damit niemand alle Adressen automatisch "
            f"abruft, zählen wir die Abrufe: höchstens {REVEALS_PER_HOUR} pro Stunde. Dafür "
            "speichern wir eine gekürzte, nicht umkehrbare Prüfsumme Ihrer IP-Adresse für "
            "eine Stunde im Zwischenspeicher; danach wird sie automatisch gelöscht.</p>",
        ),
        *_section(
            "Vorschläge über „Mitmachen“",
            "<p>Wenn Sie einen Termin, eine Nachricht oder einen Eintrag vorschlagen, "
            "speichern wir Ihren Namen, gegebenenfalls Ihre Organisation, Ihre "
            "E-Mail-Adresse, den Inhalt des Vorschlags und ein mitgesendetes Bild mit "
            "Bildnachweis. Wir verwenden diese Angaben, um den Vorschlag zu prüfen, Ihnen "
            "Rückfragen zu stellen und Sie über die Veröffentlichung zu informieren. "
            "Rechtsgrundlage ist Ihre Einwilligung (Art. 6 Abs. 1 lit. a DSGVO), die Sie "
            "jederzeit widerrufen können.</p>",
            f"<p>Ihr Name und Ihre E-Mail-Adresse werden <b>nach {days} Tagen automatisch "
            "gelöscht</b>. Veröffentlicht werden nur die Inhalte des Vorschlags, nie Ihre "
            "Kontaktdaten. Ein abgelehnter Vorschlag wird mit Ihren Angaben gelöscht.</p>",
        ),
        *_section(
            "Anmelde- und Kontaktformulare",
            "<p>Formulare, etwa zur Anmeldung für eine Veranstaltung, speichern die "
            "Angaben, die Sie eintragen. Nur die Sozialraumkoordination des jeweiligen "
            "Gebiets kann sie lesen; sie nutzt sie allein für den im Formular genannten "
            "Zweck und löscht sie, sobald sie dafür nicht mehr gebraucht werden. Auf "
            "Formularseiten setzt die Website ein technisch notwendiges Cookie "
            "(„csrftoken“), das gefälschte Absendungen verhindert und mit dem Schließen "
            "des Browsers beziehungsweise nach einem Jahr verfällt.</p>",
        ),
        *_section(
            "Anmeldung für die Redaktion",
            "<p>Nur angemeldete Redakteur*innen erhalten ein Sitzungs-Cookie "
            "(„sessionid“). Zum Schutz vor dem Erraten von Passwörtern speichern wir "
            "fehlgeschlagene Anmeldeversuche mit Benutzername, IP-Adresse und Zeitpunkt; "
            f"nach fünf Fehlversuchen ist die Anmeldung für {lockout_minutes} Minuten "
            "gesperrt. Die Einträge werden nach einer erfolgreichen Anmeldung oder nach "
            "Ablauf der Sperrfrist gelöscht.</p>",
        ),
        *_section(
            "Karten und Videos nur nach Ihrer Zustimmung",
            "<p>Karten laden Kartenbilder von OpenStreetMap "
            f"({tiles}, betrieben von der OpenStreetMap Foundation, Vereinigtes "
            "Königreich). Das geschieht erst, wenn Sie auf „Karte anzeigen“ drücken; "
            "dabei erhält der Kartenserver Ihre IP-Adresse. Alle Angaben der Karte stehen "
            "auch in der Liste daneben.</p>",
            "<p>Videos von YouTube (Google Ireland Limited) oder Vimeo (Vimeo.com, Inc., "
            "USA) werden erst geladen, wenn Sie auf das Video drücken. Wir verwenden dafür "
            "den erweiterten Datenschutzmodus (youtube-nocookie.com) beziehungsweise "
            "„Do not track“ bei Vimeo. Ab dem Laden gelten die Datenschutzbestimmungen "
            "des Anbieters.</p>",
        ),
        *_section(
            "Ihre Rechte",
            "<p>Sie haben das Recht auf Auskunft über Ihre gespeicherten Daten, auf "
            "Berichtigung, Löschung und Einschränkung der Verarbeitung, auf Widerspruch "
            "und auf Datenübertragbarkeit (Art. 15 bis 21 DSGVO). Sie können sich außerdem "
            "bei einer Aufsichtsbehörde beschweren, in Nordrhein-Westfalen bei der "
            "Landesbeauftragten für Datenschutz und Informationsfreiheit NRW.</p>",
        ),
    ]
