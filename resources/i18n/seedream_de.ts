<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AppSession</name>
    <message>
        <source>Demo mode: the token is checked when you leave the demo.</source>
        <translation>Demomodus: Der Token wird geprüft, sobald Sie die Demo verlassen.</translation>
    </message>
    <message>
        <source>Could not check the token: the API base URL in Settings → Advanced is not valid.</source>
        <translation>Der Token konnte nicht geprüft werden: Die API-Basis-URL unter „Einstellungen → Erweitert“ ist ungültig.</translation>
    </message>
    <message>
        <source>Cannot Start</source>
        <translation>Start nicht möglich</translation>
    </message>
    <message>
        <source>RunComfy rejected the token. Paste a new one: paused jobs continue with it.</source>
        <translation>RunComfy hat den Token abgelehnt. Fügen Sie einen neuen ein – angehaltene Aufträge laufen damit weiter.</translation>
    </message>
    <message>
        <source>Settings not saved: %1</source>
        <translation>Einstellungen nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message numerus="yes">
        <source>Compare %Ln Image(s)</source>
        <translation>
            <numerusform>%Ln Bild vergleichen</numerusform>
            <numerusform>%Ln Bilder vergleichen</numerusform>
        </translation>
    </message>
    <message>
        <source>Compare images</source>
        <translation>Bilder vergleichen</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Compare tools</source>
        <translation>Werkzeuge zum Vergleichen</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Zurück</translation>
    </message>
    <message>
        <source>Previous image of the active pane&apos;s series (after the first comes the last)</source>
        <translation>Vorheriges Bild der Serie im aktiven Bereich (nach dem ersten kommt das letzte)</translation>
    </message>
    <message>
        <source>Next image of the active pane&apos;s series (after the last comes the first)</source>
        <translation>Nächstes Bild der Serie im aktiven Bereich (nach dem letzten kommt das erste)</translation>
    </message>
    <message>
        <source>Every image of series %1 is shown already.</source>
        <translation>Alle Bilder der Serie %1 werden bereits angezeigt.</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Weiter ▶</translation>
    </message>
    <message>
        <source>Compare status</source>
        <translation>Status des Vergleichs</translation>
    </message>
</context>
<context>
    <name>ContactSheet</name>
    <message>
        <source>Series %1</source>
        <extracomment>The context the sheet&apos;s words are translated in; lupdate reads the literals marked below.</extracomment>
        <translation>Serie %1</translation>
    </message>
    <message>
        <source>Series %1, continued</source>
        <translation>Serie %1, Fortsetzung</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>Seed %1</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>ausgewählt</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>image file missing</source>
        <translation>Bilddatei fehlt</translation>
    </message>
</context>
<context>
    <name>CostEstimate</name>
    <message>
        <source>Estimated cost</source>
        <translation>Geschätzte Kosten</translation>
    </message>
    <message>
        <source>Estimated cost ≈ {estimate} ({count} × {price}, {source})</source>
        <translation>Geschätzte Kosten ≈ {estimate} ({count} × {price}, {source})</translation>
    </message>
    <message>
        <source>Price list read {when}</source>
        <translation>Preisliste gelesen am {when}</translation>
    </message>
    <message>
        <source>RunComfy&apos;s price list</source>
        <translation>Preisliste von RunComfy</translation>
    </message>
    <message>
        <source>your price setting</source>
        <translation>Ihre Preiseinstellung</translation>
    </message>
    <message>
        <source>your price setting: RunComfy&apos;s price list could not be read</source>
        <translation>Ihre Preiseinstellung: Die Preisliste von RunComfy ließ sich nicht lesen</translation>
    </message>
    <message>
        <source>your price setting: RunComfy&apos;s price list has none</source>
        <translation>Ihre Preiseinstellung: Die Preisliste von RunComfy nennt keinen Preis</translation>
    </message>
    <message>
        <source>your price setting: RunComfy&apos;s price is not per image</source>
        <translation>Ihre Preiseinstellung: Der Preis von RunComfy gilt nicht pro Bild</translation>
    </message>
</context>
<context>
    <name>CountWarning</name>
    <message>
        <source>Image count warning</source>
        <extracomment>&quot;Set count to N&quot; was clicked: carries N. &quot;Drop …&quot; was clicked: carries the stated count whose words go.</extracomment>
        <translation>Hinweis zur Bildanzahl</translation>
    </message>
    <message>
        <source>“{words}” asks for {stated}, but the count is {count}.</source>
        <translation>„{words}“ verlangt {stated}, die Anzahl ist aber {count}.</translation>
    </message>
    <message>
        <source>Set count to {n}</source>
        <translation>Anzahl auf {n} setzen</translation>
    </message>
    <message>
        <source>Drop “{words}”</source>
        <translation>„{words}“ entfernen</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something Went Wrong</source>
        <translation>Etwas ist schiefgelaufen</translation>
    </message>
    <message>
        <source>%1 hit an unexpected problem. Your images and jobs are safe; you can keep working.</source>
        <translation>In %1 ist ein unerwartetes Problem aufgetreten. Ihre Bilder und Aufträge sind sicher; Sie können weiterarbeiten.</translation>
    </message>
</context>
<context>
    <name>Curation</name>
    <message>
        <source>Not flagged</source>
        <translation>Nicht markiert</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>Markiert</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation>Nicht bewertet</translation>
    </message>
</context>
<context>
    <name>CurationActions</name>
    <message>
        <source>Pick</source>
        <translation>Markieren</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Unflag</source>
        <translation>Markierung aufheben</translation>
    </message>
    <message>
        <source>No Stars</source>
        <translation>Keine Sterne</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
</context>
<context>
    <name>Curator</name>
    <message numerus="yes">
        <source>%Ln image(s) picked</source>
        <translation>
            <numerusform>%Ln Bild markiert</numerusform>
            <numerusform>%Ln Bilder markiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) rejected</source>
        <translation>
            <numerusform>%Ln Bild abgelehnt</numerusform>
            <numerusform>%Ln Bilder abgelehnt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) unflagged</source>
        <translation>
            <numerusform>Markierung von %Ln Bild aufgehoben</numerusform>
            <numerusform>Markierung von %Ln Bildern aufgehoben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) rated</source>
        <translation>
            <numerusform>%Ln Bild bewertet:</numerusform>
            <numerusform>%Ln Bilder bewertet:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rating of %Ln image(s) removed</source>
        <translation>
            <numerusform>Bewertung von %Ln Bild entfernt</numerusform>
            <numerusform>Bewertung von %Ln Bildern entfernt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>Export %Ln Image(s)</source>
        <translation>
            <numerusform>%Ln Bild exportieren</numerusform>
            <numerusform>%Ln Bilder exportieren</numerusform>
        </translation>
    </message>
    <message>
        <source>Destination folder</source>
        <translation>Zielordner</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>Aus&amp;wählen …</translation>
    </message>
    <message>
        <source>Choose destination folder</source>
        <translation>Zielordner auswählen</translation>
    </message>
    <message>
        <source>File format</source>
        <translation>Dateiformat</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <source>Quality value</source>
        <translation>Qualitätswert</translation>
    </message>
    <message>
        <source>Write a .json file with the prompt beside WebP images</source>
        <translation>Zu WebP-Bildern eine .json-Datei mit dem Prompt schreiben</translation>
    </message>
    <message>
        <source>Write JSON sidecar files</source>
        <translation>JSON-Begleitdateien schreiben</translation>
    </message>
    <message>
        <source>WebP files cannot hold the prompt and settings themselves.</source>
        <translation>WebP-Dateien können Prompt und Einstellungen nicht selbst speichern.</translation>
    </message>
    <message>
        <source>File name template</source>
        <translation>Vorlage für Dateinamen</translation>
    </message>
    <message>
        <source>Tokens: %1</source>
        <translation>Platzhalter: %1</translation>
    </message>
    <message>
        <source>Template problem</source>
        <translation>Problem mit der Vorlage</translation>
    </message>
    <message>
        <source>Preview of file names</source>
        <translation>Vorschau der Dateinamen</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;Quality:</source>
        <translation>&amp;Qualität:</translation>
    </message>
    <message>
        <source>&amp;Names:</source>
        <translation>&amp;Namen:</translation>
    </message>
    <message>
        <source>&amp;Preview:</source>
        <translation>&amp;Vorschau:</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Exportfortschritt</translation>
    </message>
    <message>
        <source>Export status</source>
        <translation>Exportstatus</translation>
    </message>
    <message>
        <source>Export summary</source>
        <translation>Exportergebnis</translation>
    </message>
    <message>
        <source>Export problems</source>
        <translation>Probleme beim Export</translation>
    </message>
    <message>
        <source>Open fo&amp;lder</source>
        <translation>Or&amp;dner öffnen</translation>
    </message>
    <message>
        <source>Open the destination folder</source>
        <translation>Zielordner öffnen</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Original file (unchanged pixels)</source>
        <translation>Originaldatei (Pixel unverändert)</translation>
    </message>
    <message>
        <source>PNG (lossless)</source>
        <translation>PNG (verlustfrei)</translation>
    </message>
    <message>
        <source>creation date, 2025-01-31</source>
        <translation>Erstellungsdatum, 2025-01-31</translation>
    </message>
    <message>
        <source>creation time, 142501</source>
        <translation>Erstellungszeit, 142501</translation>
    </message>
    <message>
        <source>the prompt&apos;s first words</source>
        <translation>die ersten Wörter des Prompts</translation>
    </message>
    <message>
        <source>the seed (“random” if none was set)</source>
        <translation>der Seed („random“, wenn keiner festgelegt war)</translation>
    </message>
    <message>
        <source>position in its series, 01, 02 …</source>
        <translation>Position in der Serie, 01, 02 …</translation>
    </message>
    <message>
        <source>first 8 characters of the request id</source>
        <translation>die ersten 8 Zeichen der Anfrage-ID</translation>
    </message>
    <message>
        <source>aspect ratio, 16x9</source>
        <translation>Seitenverhältnis, 16x9</translation>
    </message>
    <message>
        <source>prompt mode, fast or standard</source>
        <translation>Prompt-Modus, fast oder standard</translation>
    </message>
    <message>
        <source>job number</source>
        <translation>Auftragsnummer</translation>
    </message>
    <message>
        <source>running number in this export, 01, 02 …</source>
        <translation>laufende Nummer in diesem Export, 01, 02 …</translation>
    </message>
    <message>
        <source>The name template is empty. Try %1.</source>
        <translation>Die Namensvorlage ist leer. Versuchen Sie %1.</translation>
    </message>
    <message>
        <source>Unknown token %1. Tokens you can use: %2.</source>
        <translation>Unbekannter Platzhalter %1. Verfügbare Platzhalter: %2.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) exported to %1</source>
        <translation>
            <numerusform>%Ln Bild nach %1 exportiert</numerusform>
            <numerusform>%Ln Bilder nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln image(s) exported to %2</source>
        <translation>
            <numerusform>%1 von %Ln Bild nach %2 exportiert</numerusform>
            <numerusform>%1 von %Ln Bildern nach %2 exportiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln failed</source>
        <translation>
            <numerusform>; %Ln fehlgeschlagen</numerusform>
            <numerusform>; %Ln fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… und %Ln weiteres</numerusform>
            <numerusform>… und %Ln weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>The name template cannot be used.</source>
        <translation>Die Namensvorlage lässt sich nicht verwenden.</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 ist kein Ordner.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 lässt sich nicht anlegen.</translation>
    </message>
    <message>
        <source>Cannot read %1 from the library: the file is missing or damaged.</source>
        <translation>%1 lässt sich nicht aus der Bibliothek lesen: Die Datei fehlt oder ist beschädigt.</translation>
    </message>
    <message>
        <source>Cannot add the prompt and settings to %1.</source>
        <translation>Prompt und Einstellungen lassen sich nicht in %1 schreiben.</translation>
    </message>
    <message>
        <source>Cannot write to %1: the folder is read-only or you lack permission.</source>
        <translation>In %1 kann nicht geschrieben werden: Der Ordner ist schreibgeschützt, oder es fehlt die Berechtigung.</translation>
    </message>
    <message>
        <source>The disk is full: %1 was not exported.</source>
        <translation>Der Datenträger ist voll: %1 wurde nicht exportiert.</translation>
    </message>
    <message>
        <source>The file name for %1 is too long for %2.</source>
        <translation>Der Dateiname für %1 ist für %2 zu lang.</translation>
    </message>
    <message>
        <source>The folder %1 is gone or is not a folder any more.</source>
        <translation>Der Ordner %1 existiert nicht mehr oder ist kein Ordner mehr.</translation>
    </message>
    <message>
        <source>Could not write %1 to %2.</source>
        <translation>%1 konnte nicht nach %2 geschrieben werden.</translation>
    </message>
    <message>
        <source>Could not export %1: an unexpected error happened.</source>
        <translation>%1 konnte nicht exportiert werden: Ein unerwarteter Fehler ist aufgetreten.</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %1 of %Ln…</source>
        <translation>
            <numerusform>Exportiere %1 von %Ln …</numerusform>
            <numerusform>Exportiere %1 von %Ln …</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled: %1.</source>
        <translation>Export abgebrochen: %1.</translation>
    </message>
    <message>
        <source>Choose a folder to export to.</source>
        <translation>Wählen Sie einen Zielordner für den Export.</translation>
    </message>
    <message>
        <source>Export to Folder</source>
        <translation>In Ordner exportieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Cancelling after the current file…</source>
        <translation>Wird nach der aktuellen Datei abgebrochen …</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Picked only</source>
        <translation>Nur markierte</translation>
    </message>
    <message>
        <source>Hide rejected</source>
        <translation>Abgelehnte ausblenden</translation>
    </message>
    <message>
        <source>Minimum rating</source>
        <translation>Mindestbewertung</translation>
    </message>
    <message>
        <source>Any rating</source>
        <translation>Jede Bewertung</translation>
    </message>
    <message>
        <source>Aspect</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Any aspect</source>
        <translation>Jedes Format</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Any mode</source>
        <translation>Jeder Modus</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>Jedes Datum</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Between…</source>
        <translation>Zeitraum …</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Enddatum</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
</context>
<context>
    <name>FrameEditor</name>
    <message>
        <source>Add frame</source>
        <extracomment>The frames&apos; texts or their number changed.</extracomment>
        <translation>Bild hinzufügen</translation>
    </message>
    <message>
        <source>Add a frame at the end</source>
        <translation>Am Ende ein Bild hinzufügen</translation>
    </message>
    <message>
        <source>Add a frame (Enter in a frame adds one below it)</source>
        <translation>Ein Bild hinzufügen (Eingabe in einem Bild fügt darunter eins hinzu)</translation>
    </message>
    <message>
        <source>Frame {n}</source>
        <translation>Bild {n}</translation>
    </message>
    <message>
        <source>What image {n} shows</source>
        <translation>Was Bild {n} zeigt</translation>
    </message>
    <message>
        <source>Move frame {n} up</source>
        <translation>Bild {n} nach oben</translation>
    </message>
    <message>
        <source>Move up (Alt+↑)</source>
        <translation>Nach oben (Alt+↑)</translation>
    </message>
    <message>
        <source>Move frame {n} down</source>
        <translation>Bild {n} nach unten</translation>
    </message>
    <message>
        <source>Move down (Alt+↓)</source>
        <translation>Nach unten (Alt+↓)</translation>
    </message>
    <message>
        <source>Remove frame {n}</source>
        <translation>Bild {n} entfernen</translation>
    </message>
    <message>
        <source>Remove (Ctrl+Backspace in an empty frame)</source>
        <translation>Entfernen (Strg+Rücktaste in einem leeren Bild)</translation>
    </message>
</context>
<context>
    <name>GeneratePanel</name>
    <message>
        <source>Describe the series, e.g. “a fox exploring a snowy forest, four seasons, watercolour”. The number of images is added for you.</source>
        <translation>Beschreiben Sie die Serie, z. B. „a fox exploring a snowy forest, four seasons, watercolour“. Die Anzahl der Bilder wird automatisch ergänzt.</translation>
    </message>
    <message>
        <source>Prompt</source>
        <extracomment>The designer asked to generate: carries valid ``GenerationParams``.</extracomment>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>One description</source>
        <translation>Eine Beschreibung</translation>
    </message>
    <message>
        <source>Frame by frame</source>
        <translation>Bild für Bild</translation>
    </message>
    <message>
        <source>Prompt length</source>
        <translation>Länge des Prompts</translation>
    </message>
    <message>
        <source>Prompt problem</source>
        <translation>Problem mit dem Prompt</translation>
    </message>
    <message>
        <source>Exact text that will be sent</source>
        <translation>Genau dieser Text wird gesendet</translation>
    </message>
    <message>
        <source>This is exactly what is sent to the model.</source>
        <translation>Genau dieser Text wird an das Modell gesendet.</translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation>Seitenverhältnis</translation>
    </message>
    <message>
        <source>Number of images</source>
        <translation>Anzahl der Bilder</translation>
    </message>
    <message>
        <source>The prompt is optimised quickly: results come sooner, at lower quality.</source>
        <translation>Der Prompt wird schnell optimiert: Die Ergebnisse kommen früher, in geringerer Qualität.</translation>
    </message>
    <message>
        <source>Higher-quality prompt optimisation; takes longer to generate.</source>
        <translation>Gründlichere Optimierung des Prompts für höhere Qualität; die Generierung dauert länger.</translation>
    </message>
    <message>
        <source>Fixed seed</source>
        <translation>Fester Seed</translation>
    </message>
    <message>
        <source>Off: a new random seed for each job. On: the same seed, for variations you can reproduce.</source>
        <translation>Aus: Jeder Auftrag bekommt einen neuen zufälligen Seed. Ein: immer derselbe Seed – für Varianten, die sich reproduzieren lassen.</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generieren</translation>
    </message>
    <message>
        <source>Generate (Ctrl+Enter)</source>
        <translation>Generieren (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Aspect</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message numerus="yes">
        <source> image(s), one per frame</source>
        <translation>
            <numerusform> Bild, eins pro Einzelbild</numerusform>
            <numerusform> Bilder, eins pro Einzelbild</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> image(s)</source>
        <translation>
            <numerusform> Bild</numerusform>
            <numerusform> Bilder</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Prompt&lt;/b&gt; · shared by every frame</source>
        <translation>&lt;b&gt;Prompt&lt;/b&gt; · gilt für jedes Bild</translation>
    </message>
    <message>
        <source>&lt;b&gt;Prompt&lt;/b&gt;</source>
        <translation>&lt;b&gt;Prompt&lt;/b&gt;</translation>
    </message>
    <message>
        <source>What every frame shares, e.g. “a paper crane, studio light”.</source>
        <translation>Was alle Bilder gemeinsam haben, z. B. „a paper crane, studio light“.</translation>
    </message>
    <message>
        <source>Sends: “%1”</source>
        <translation>Sendet: „%1“</translation>
    </message>
    <message>
        <source>Write a prompt first: it is empty.</source>
        <translation>Schreiben Sie zuerst einen Prompt – er ist noch leer.</translation>
    </message>
    <message>
        <source>Frame %1 is empty: describe it or remove it.</source>
        <translation>Bild %1 ist leer: Beschreiben Sie es oder entfernen Sie es.</translation>
    </message>
    <message>
        <source>The prompt is %1 characters long; the limit is %2.</source>
        <translation>Der Prompt ist %1 Zeichen lang; erlaubt sind höchstens %2.</translation>
    </message>
    <message>
        <source>The prompt contains a character that cannot be sent — delete it or type it again.</source>
        <translation>Der Prompt enthält ein Zeichen, das sich nicht senden lässt – löschen Sie es oder geben Sie es neu ein.</translation>
    </message>
</context>
<context>
    <name>HeaderWords</name>
    <message>
        <source>%1 of %2 — fewer than asked</source>
        <translation>%1 von %2 – weniger als angefordert</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln image(s)</source>
        <translation>
            <numerusform>%1 von %Ln Bild</numerusform>
            <numerusform>%1 von %Ln Bildern</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>%1 angezeigt</translation>
    </message>
    <message>
        <source>cost not known</source>
        <translation>Kosten unbekannt</translation>
    </message>
    <message>
        <source>One image for %1 asked: the views may be panels of one picture.</source>
        <translation>Ein Bild statt %1: Die Ansichten sind vielleicht Teilbilder eines einzigen Bildes.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) not at the preset&apos;s %1.</source>
        <translation>
            <numerusform>%Ln Bild hat nicht die Vorgabegröße %1.</numerusform>
            <numerusform>%Ln Bilder haben nicht die Vorgabegröße %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>collapsed</source>
        <translation>zugeklappt</translation>
    </message>
    <message>
        <source>expanded</source>
        <translation>aufgeklappt</translation>
    </message>
    <message>
        <source>Series, job %1</source>
        <translation>Serie, Auftrag %1</translation>
    </message>
</context>
<context>
    <name>ImageCopier</name>
    <message>
        <source>Copying…</source>
        <translation>Wird kopiert …</translation>
    </message>
    <message numerus="yes">
        <source>Copied %Ln image(s).</source>
        <translation>
            <numerusform>%Ln Bild kopiert.</numerusform>
            <numerusform>%Ln Bilder kopiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Can&apos;t copy %1: the file is damaged, missing or not an image.</source>
        <translation>%1 kann nicht kopiert werden: Die Datei ist beschädigt, fehlt oder ist kein Bild.</translation>
    </message>
</context>
<context>
    <name>ImageGrid</name>
    <message>
        <source>Job %1 · image %2 · %3</source>
        <translation>Auftrag %1 · Bild %2 · %3</translation>
    </message>
    <message>
        <source>Job %1, image %2, %3</source>
        <translation>Auftrag %1, Bild %2, %3</translation>
    </message>
    <message>
        <source>Job %1</source>
        <translation>Auftrag %1</translation>
    </message>
    <message>
        <source>Can&apos;t read
this image</source>
        <translation>Bild nicht
lesbar</translation>
    </message>
</context>
<context>
    <name>ImageGridModel</name>
    <message>
        <source>picked</source>
        <translation>markiert</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
</context>
<context>
    <name>ImageGridView</name>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Generated images, newest first. Enter or Space opens the selected image.</source>
        <translation>Generierte Bilder, die neuesten zuerst. Eingabe oder Leertaste öffnet das ausgewählte Bild.</translation>
    </message>
    <message>
        <source>No images yet.
Images appear here the moment they are downloaded.</source>
        <translation>Noch keine Bilder.
Bilder erscheinen hier, sobald sie heruntergeladen sind.</translation>
    </message>
</context>
<context>
    <name>ImageView</name>
    <message>
        <source>This image can&apos;t be shown. The file %1 is damaged, missing or not an image.</source>
        <translation>Dieses Bild kann nicht angezeigt werden. Die Datei %1 ist beschädigt, fehlt oder ist kein Bild.</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Image viewer</source>
        <translation>Bildbetrachter</translation>
    </message>
    <message>
        <source>Viewer status</source>
        <translation>Status des Bildbetrachters</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Bildbetrachter</translation>
    </message>
    <message>
        <source>Viewer tools</source>
        <translation>Werkzeuge des Bildbetrachters</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Zurück</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorheriges Bild</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Weiter ▶</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächstes Bild</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Export this image</source>
        <translation>Dieses Bild exportieren</translation>
    </message>
    <message>
        <source>Image details</source>
        <translation>Bilddetails</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Use this seed</source>
        <translation>Diesen Seed verwenden</translation>
    </message>
    <message>
        <source>Use this seed for the next generation</source>
        <translation>Diesen Seed für die nächste Generierung verwenden</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Aspect</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Styles</source>
        <translation>Stile</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Job cost</source>
        <translation>Kosten des Auftrags</translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation>Anfrage-ID</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Markierung</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Reuse settings</source>
        <translation>Einstellungen übernehmen</translation>
    </message>
    <message>
        <source>Reuse this image&apos;s prompt and settings</source>
        <translation>Prompt und Einstellungen dieses Bildes übernehmen</translation>
    </message>
    <message numerus="yes">
        <source>Image %1 of %Ln</source>
        <translation>
            <numerusform>Bild %1 von %Ln</numerusform>
            <numerusform>Bild %1 von %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Not known yet</source>
        <translation>Noch nicht bekannt</translation>
    </message>
    <message>
        <source>Random (not recorded)</source>
        <translation>Zufällig (nicht gespeichert)</translation>
    </message>
    <message>
        <source>Job %1, image %2</source>
        <translation>Auftrag %1, Bild %2</translation>
    </message>
</context>
<context>
    <name>JobRow</name>
    <message>
        <source>Elapsed time</source>
        <translation>Verstrichene Zeit</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Download-Fortschritt</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v von %m</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Retry download</source>
        <translation>Download wiederholen</translation>
    </message>
    <message>
        <source>Reuse settings</source>
        <translation>Einstellungen übernehmen</translation>
    </message>
    <message>
        <source>{state} · cost {cost}</source>
        <translation>{state} · Kosten {cost}</translation>
    </message>
    <message>
        <source>Cancel this job</source>
        <translation>Diesen Auftrag abbrechen</translation>
    </message>
    <message>
        <source>A running job can&apos;t be cancelled.</source>
        <translation>Ein laufender Auftrag kann nicht abgebrochen werden.</translation>
    </message>
    <message>
        <source>Cancel job %1</source>
        <translation>Auftrag %1 abbrechen</translation>
    </message>
    <message>
        <source>Retry download of job %1</source>
        <translation>Download von Auftrag %1 wiederholen</translation>
    </message>
    <message>
        <source>Reuse the settings of job %1</source>
        <translation>Einstellungen von Auftrag %1 übernehmen</translation>
    </message>
    <message>
        <source>Job %1</source>
        <translation>Auftrag %1</translation>
    </message>
</context>
<context>
    <name>JobWording</name>
    <message>
        <source>RunComfy rejected the API token.</source>
        <extracomment>States whose error is the job&apos;s headline (shown in red in the window). Whether a detail in the app&apos;s English prose is shown (it is in English, not translated).</extracomment>
        <translation>RunComfy hat den API-Token abgelehnt.</translation>
    </message>
    <message>
        <source>The RunComfy balance is used up — top it up to continue.</source>
        <translation>Das RunComfy-Guthaben ist aufgebraucht – laden Sie es auf, um weiterzumachen.</translation>
    </message>
    <message>
        <source>RunComfy is busy with too many requests.</source>
        <translation>RunComfy ist gerade mit zu vielen Anfragen ausgelastet.</translation>
    </message>
    <message>
        <source>The connection failed.</source>
        <translation>Die Verbindung ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>RunComfy had a server problem.</source>
        <translation>Bei RunComfy ist ein Serverproblem aufgetreten.</translation>
    </message>
    <message>
        <source>RunComfy does not know this job (any more).</source>
        <translation>RunComfy kennt diesen Auftrag nicht (mehr).</translation>
    </message>
    <message>
        <source>This job belongs to another RunComfy account.</source>
        <translation>Dieser Auftrag gehört zu einem anderen RunComfy-Konto.</translation>
    </message>
    <message>
        <source>The server refused the request.</source>
        <translation>Der Server hat die Anfrage abgelehnt.</translation>
    </message>
    <message>
        <source>RunComfy sent an answer the app does not understand.</source>
        <translation>RunComfy hat eine Antwort geschickt, die das Programm nicht versteht.</translation>
    </message>
    <message>
        <source>The server did not confirm the request — it may have been charged.</source>
        <translation>Der Server hat die Anfrage nicht bestätigt – sie wurde möglicherweise berechnet.</translation>
    </message>
    <message>
        <source>The model failed without giving a reason.</source>
        <translation>Das Modell ist ohne Angabe von Gründen gescheitert.</translation>
    </message>
    <message>
        <source>The model failed: %1</source>
        <translation>Das Modell ist gescheitert: %1</translation>
    </message>
    <message>
        <source>The job finished but the server returned no images.</source>
        <translation>Der Auftrag ist fertig, aber der Server hat keine Bilder geliefert.</translation>
    </message>
    <message>
        <source>Finished on the server; waiting for its result…</source>
        <translation>Auf dem Server fertig; das Ergebnis wird abgewartet …</translation>
    </message>
    <message>
        <source>The image could not be downloaded.</source>
        <translation>Das Bild konnte nicht heruntergeladen werden.</translation>
    </message>
    <message>
        <source>The image could not be saved in the library.</source>
        <translation>Das Bild konnte nicht in der Bibliothek gespeichert werden.</translation>
    </message>
    <message>
        <source>The job was cancelled.</source>
        <translation>Der Auftrag wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The job was ended without finishing.</source>
        <translation>Der Auftrag wurde beendet, bevor er fertig war.</translation>
    </message>
    <message>
        <source>An unexpected error happened.</source>
        <translation>Ein unerwarteter Fehler ist aufgetreten.</translation>
    </message>
    <message>
        <source>Unexpected error: %1</source>
        <translation>Unerwarteter Fehler: %1</translation>
    </message>
    <message>
        <source>Waiting to submit</source>
        <translation>Wartet auf das Senden</translation>
    </message>
    <message>
        <source>Submitting</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In der Warteschlange</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Wird heruntergeladen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Outcome unknown — may have been charged</source>
        <translation>Ergebnis unbekannt – möglicherweise berechnet</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Download failed — retry download</source>
        <translation>Download fehlgeschlagen – Download wiederholen</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln image(s) could not be saved (%2). Use Retry download.</source>
        <translation>
            <numerusform>%1 von %Ln Bild konnte nicht gespeichert werden (%2). Klicken Sie auf „Download wiederholen“.</numerusform>
            <numerusform>%1 von %Ln Bildern konnten nicht gespeichert werden (%2). Klicken Sie auf „Download wiederholen“.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 Still trying…</source>
        <translation>%1 Neuer Versuch läuft …</translation>
    </message>
    <message numerus="yes">
        <source>Running — generating %Ln image(s)</source>
        <translation>
            <numerusform>Läuft – %Ln Bild wird generiert</numerusform>
            <numerusform>Läuft – %Ln Bilder werden generiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Downloading %1 of %2</source>
        <translation>Download: %1 von %2</translation>
    </message>
    <message numerus="yes">
        <source>Done — %Ln image(s)</source>
        <translation>
            <numerusform>Fertig – %Ln Bild</numerusform>
            <numerusform>Fertig – %Ln Bilder</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2 of %3 saved)</source>
        <translation>%1 (%2 von %3 gespeichert)</translation>
    </message>
    <message>
        <source>took %1</source>
        <translation>Dauer: %1</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 Min. %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Queued — next in line</source>
        <translation>In der Warteschlange – als Nächstes dran</translation>
    </message>
    <message>
        <source>Queued — position %1 in queue</source>
        <translation>In der Warteschlange – Platz %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln image(s): the model returned fewer than asked.</source>
        <translation>
            <numerusform>%1 von %Ln Bild: Das Modell hat weniger geliefert als angefragt.</numerusform>
            <numerusform>%1 von %Ln Bildern: Das Modell hat weniger geliefert als angefragt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>No jobs yet. Write a prompt and press Generate.</source>
        <translation>Noch keine Aufträge. Schreiben Sie einen Prompt und klicken Sie auf „Generieren“.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%1 — DEMO</source>
        <extracomment>The token was rejected while jobs were in flight: the app asks for a new one.</extracomment>
        <translation>%1 – DEMO</translation>
    </message>
    <message>
        <source>Search prompts…</source>
        <translation>Prompts durchsuchen …</translation>
    </message>
    <message>
        <source>Search prompts</source>
        <translation>Prompts durchsuchen</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Alle zeigen</translation>
    </message>
    <message>
        <source>Show every image in the library again</source>
        <translation>Wieder alle Bilder der Bibliothek zeigen</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Serien</translation>
    </message>
    <message>
        <source>Each job under its header, its images in order</source>
        <translation>Jeder Auftrag unter seiner Kopfzeile, seine Bilder der Reihe nach</translation>
    </message>
    <message>
        <source>All Images</source>
        <translation>Alle Bilder</translation>
    </message>
    <message>
        <source>Every image in one grid, newest first</source>
        <translation>Alle Bilder in einem Raster, die neuesten zuerst</translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation>Größe der Vorschaubilder</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Export the selected images (Ctrl+E)</source>
        <translation>Ausgewählte Bilder exportieren (Strg+E)</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source> DEMO — nothing is charged </source>
        <translation> DEMO – es wird nichts berechnet </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Export Selected…</source>
        <translation>Ausgewählte e&amp;xportieren …</translation>
    </message>
    <message>
        <source>Export &amp;Picked…</source>
        <translation>&amp;Markierte exportieren …</translation>
    </message>
    <message>
        <source>Export every picked image the grid&apos;s filters match</source>
        <translation>Alle markierten Bilder exportieren, die den aktuellen Filtern entsprechen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Copy Image</source>
        <translation>Bild &amp;kopieren</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Alle auswählen</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>C&amp;ompare</source>
        <translation>&amp;Vergleichen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>Ü&amp;ber</translation>
    </message>
    <message numerus="yes">
        <source>Job %1 started: %Ln image(s), %2.</source>
        <translation>
            <numerusform>Auftrag %1 gestartet: %Ln Bild, %2.</numerusform>
            <numerusform>Auftrag %1 gestartet: %Ln Bilder, %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Job cancelled.</source>
        <translation>Auftrag abgebrochen.</translation>
    </message>
    <message>
        <source>This job is already running and can&apos;t be cancelled.</source>
        <translation>Dieser Auftrag läuft bereits und kann nicht mehr abgebrochen werden.</translation>
    </message>
    <message>
        <source>The job is being submitted — try cancelling again in a moment.</source>
        <translation>Der Auftrag wird gerade gesendet – versuchen Sie das Abbrechen gleich noch einmal.</translation>
    </message>
    <message numerus="yes">
        <source>Job %1 done: %Ln image(s).</source>
        <translation>
            <numerusform>Auftrag %1 fertig: %Ln Bild.</numerusform>
            <numerusform>Auftrag %1 fertig: %Ln Bilder.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resumed %Ln unfinished job(s) from last time.</source>
        <translation>
            <numerusform>%Ln unfertiger Auftrag vom letzten Mal wird fortgesetzt.</numerusform>
            <numerusform>%Ln unfertige Aufträge vom letzten Mal werden fortgesetzt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln job(s) (%1) are being run by another %2 (a window, `generate` or `resume`) — left alone here.</source>
        <translation>
            <numerusform>%Ln Auftrag (%1) wird von einem anderen %2 ausgeführt (einem Fenster, `generate` oder `resume`) und hier nicht angerührt.</numerusform>
            <numerusform>%Ln Aufträge (%1) werden von einem anderen %2 ausgeführt (einem Fenster, `generate` oder `resume`) und hier nicht angerührt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resumed %Ln paused job(s) with the new token.</source>
        <translation>
            <numerusform>%Ln angehaltener Auftrag läuft mit dem neuen Token weiter.</numerusform>
            <numerusform>%Ln angehaltene Aufträge laufen mit dem neuen Token weiter.</numerusform>
        </translation>
    </message>
    <message>
        <source>Showing job %1.</source>
        <translation>Auftrag %1 wird angezeigt.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s)</source>
        <translation>
            <numerusform>%Ln Bild</numerusform>
            <numerusform>%Ln Bilder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln image(s)</source>
        <translation>
            <numerusform>%1 von %Ln Bild</numerusform>
            <numerusform>%1 von %Ln Bildern</numerusform>
        </translation>
    </message>
    <message>
        <source>Select %1 to %2 images to compare them side by side.</source>
        <translation>Wählen Sie %1 bis %2 Bilder aus, um sie nebeneinander zu vergleichen.</translation>
    </message>
    <message numerus="yes">
        <source>Compare %Ln Image(s)</source>
        <translation>
            <numerusform>%Ln Bild vergleichen</numerusform>
            <numerusform>%Ln Bilder vergleichen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted series %1: %Ln image(s).</source>
        <translation>
            <numerusform>Serie %1 gelöscht: %Ln Bild.</numerusform>
            <numerusform>Serie %1 gelöscht: %Ln Bilder.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Export %Ln Image(s)…</source>
        <translation>
            <numerusform>%Ln Bild exportieren …</numerusform>
            <numerusform>%Ln Bilder exportieren …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Contact Sheet of %Ln Image(s)…</source>
        <translation>
            <numerusform>Kontaktabzug von %Ln Bild …</numerusform>
            <numerusform>Kontaktabzug von %Ln Bildern …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln Image(s)…</source>
        <translation>
            <numerusform>%Ln Bild löschen …</numerusform>
            <numerusform>%Ln Bilder löschen …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln image(s) from the library? The files are removed from disk.</source>
        <translation>
            <numerusform>%Ln Bild aus der Bibliothek löschen? Die Datei wird von der Festplatte entfernt.</numerusform>
            <numerusform>%Ln Bilder aus der Bibliothek löschen? Die Dateien werden von der Festplatte entfernt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln image(s).</source>
        <translation>
            <numerusform>%Ln Bild gelöscht.</numerusform>
            <numerusform>%Ln Bilder gelöscht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln could not be removed: %1</source>
        <translation>
            <numerusform>%Ln ließ sich nicht entfernen: %1</numerusform>
            <numerusform>%Ln ließen sich nicht entfernen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No picked images here: pick some with P first.</source>
        <translation>Hier sind keine Bilder markiert: Markieren Sie zuerst welche mit P.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln job(s) are still running.</source>
        <translation>
            <numerusform>%Ln Auftrag läuft noch.</numerusform>
            <numerusform>%Ln Aufträge laufen noch.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not cancel: %1</source>
        <translation>Abbrechen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Retrying the download of job %1.</source>
        <translation>Download von Auftrag %1 wird wiederholt.</translation>
    </message>
    <message>
        <source>A job is paused.</source>
        <translation>Ein Auftrag ist angehalten.</translation>
    </message>
    <message>
        <source>Job %1 paused: %2</source>
        <translation>Auftrag %1 angehalten: %2</translation>
    </message>
    <message>
        <source>Job %1 failed: %2</source>
        <translation>Auftrag %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation>Bild kopieren</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>Im Ordner anzeigen</translation>
    </message>
    <message>
        <source>Reuse Prompt &amp;&amp; Settings</source>
        <translation>Prompt &amp;&amp; Einstellungen übernehmen</translation>
    </message>
    <message>
        <source>Use This Seed</source>
        <translation>Diesen Seed verwenden</translation>
    </message>
    <message>
        <source>Series</source>
        <comment>one image&apos;s series</comment>
        <translation>Serie</translation>
    </message>
    <message>
        <source>Delete Images</source>
        <translation>Bilder löschen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Select images to export first.</source>
        <translation>Wählen Sie zuerst die Bilder aus, die Sie exportieren möchten.</translation>
    </message>
    <message>
        <source>Settings not saved: %1</source>
        <translation>Einstellungen nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>Über %1</translation>
    </message>
    <message>
        <source>Image series with ByteDance Seedream 4.0 on RunComfy&apos;s Model API.</source>
        <translation>Bildserien mit ByteDance Seedream 4.0 über die Model-API von RunComfy.</translation>
    </message>
    <message>
        <source>Demo jobs stop when you quit.</source>
        <translation>Demo-Aufträge enden, wenn Sie das Programm beenden.</translation>
    </message>
    <message>
        <source>They continue the next time you open %1; nothing is lost, and images already paid for are kept.</source>
        <translation>Sie laufen beim nächsten Start von %1 weiter; nichts geht verloren, und bereits bezahlte Bilder bleiben erhalten.</translation>
    </message>
    <message>
        <source>Jobs Still Running</source>
        <translation>Aufträge laufen noch</translation>
    </message>
    <message>
        <source>Quit Anyway</source>
        <translation>Trotzdem beenden</translation>
    </message>
</context>
<context>
    <name>MoneyStatus</name>
    <message>
        <source>Spent</source>
        <extracomment>A new price quote for the estimate.</extracomment>
        <translation>Ausgegeben</translation>
    </message>
    <message>
        <source>RunComfy balance</source>
        <translation>RunComfy-Guthaben</translation>
    </message>
    <message>
        <source>Balance: …</source>
        <translation>Guthaben: …</translation>
    </message>
    <message>
        <source>Spent: {session} since start · {month} this month</source>
        <translation>Ausgegeben: {session} seit dem Start · {month} in diesem Monat</translation>
    </message>
    <message>
        <source>More than the balance</source>
        <translation>Mehr als das Guthaben</translation>
    </message>
    <message>
        <source>This job is estimated at {estimate}, more than your RunComfy balance of {balance}. RunComfy refuses a job the balance cannot pay for. Send it anyway?</source>
        <translation>Dieser Auftrag kostet geschätzt {estimate} – mehr als Ihr RunComfy-Guthaben von {balance}. RunComfy lehnt Aufträge ab, die das Guthaben nicht deckt. Trotzdem senden?</translation>
    </message>
    <message>
        <source>Balance: {balance}</source>
        <translation>Guthaben: {balance}</translation>
    </message>
    <message>
        <source>Balance: unknown</source>
        <translation>Guthaben: unbekannt</translation>
    </message>
    <message>
        <source>Click to read the balance and the price list again</source>
        <translation>Klicken, um Guthaben und Preisliste neu zu lesen</translation>
    </message>
</context>
<context>
    <name>SeriesActions</name>
    <message>
        <source>Variations (New Seed)</source>
        <translation>Variationen (neuer Seed)</translation>
    </message>
    <message>
        <source>Run Again (Same Seed)</source>
        <translation>Erneut generieren (gleicher Seed)</translation>
    </message>
    <message>
        <source>Reuse Prompt &amp;&amp; Settings</source>
        <translation>Prompt &amp;&amp; Einstellungen übernehmen</translation>
    </message>
    <message>
        <source>Export Series…</source>
        <translation>Serie exportieren …</translation>
    </message>
    <message>
        <source>Export Picked of This Series…</source>
        <translation>Markierte dieser Serie exportieren …</translation>
    </message>
    <message>
        <source>Contact Sheet of This Series…</source>
        <translation>Kontaktabzug dieser Serie …</translation>
    </message>
    <message>
        <source>Delete Series…</source>
        <translation>Serie löschen …</translation>
    </message>
    <message>
        <source>Replace Unsent Prompt?</source>
        <translation>Nicht gesendeten Prompt ersetzen?</translation>
    </message>
    <message>
        <source>The prompt editor holds text you have not generated yet. Replace it with this series&apos; prompt and settings?</source>
        <translation>Im Prompt-Editor steht Text, den Sie noch nicht gesendet haben. Durch den Prompt und die Einstellungen dieser Serie ersetzen?</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>Series %1 has no recorded seed to run again with.</source>
        <translation>Für Serie %1 ist kein Seed gespeichert, mit dem sie erneut generiert werden könnte.</translation>
    </message>
    <message>
        <source>Series %1 has no images in the library.</source>
        <translation>Serie %1 hat keine Bilder in der Bibliothek.</translation>
    </message>
    <message>
        <source>Series %1 is still running: cancel it before deleting it.</source>
        <translation>Serie %1 läuft noch: Brechen Sie sie ab, bevor Sie sie löschen.</translation>
    </message>
    <message numerus="yes">
        <source>Delete series %1 and its %Ln image(s)? The files are removed from disk.</source>
        <translation>
            <numerusform>Serie %1 und ihr %Ln Bild löschen? Die Dateien werden von der Festplatte entfernt.</numerusform>
            <numerusform>Serie %1 und ihre %Ln Bilder löschen? Die Dateien werden von der Festplatte entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Series</source>
        <translation>Serie löschen</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Price per image</source>
        <extracomment>The context the labels are translated in (``QCoreApplication.translate(LABELS, label)``); each ``QT_TRANSLATE_NOOP`` below spells it out, because lupdate reads only literals. (label, value) → what is wrong, in a sentence, or ``None``.</extracomment>
        <translation>Preis pro Bild</translation>
    </message>
    <message>
        <source>Jobs at once</source>
        <translation>Gleichzeitige Aufträge</translation>
    </message>
    <message>
        <source>Library folder</source>
        <translation>Bibliotheksordner</translation>
    </message>
    <message>
        <source>Default export folder</source>
        <translation>Standard-Exportordner</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Erscheinungsbild</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>API base URL</source>
        <translation>API-Basis-URL</translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation>Seitenverhältnis</translation>
    </message>
    <message>
        <source>Number of images</source>
        <translation>Anzahl der Bilder</translation>
    </message>
    <message>
        <source>Prompt mode</source>
        <translation>Prompt-Modus</translation>
    </message>
    <message>
        <source>Fixed seed</source>
        <translation>Fester Seed</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Window geometry</source>
        <translation>Fenstergeometrie</translation>
    </message>
    <message>
        <source>Window state</source>
        <translation>Fensterzustand</translation>
    </message>
    <message>
        <source>Pane sizes</source>
        <translation>Bereichsgrößen</translation>
    </message>
    <message>
        <source>Left pane sizes</source>
        <translation>Größen des linken Bereichs</translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation>Größe der Vorschaubilder</translation>
    </message>
    <message>
        <source>Library view</source>
        <translation>Bibliotheksansicht</translation>
    </message>
    <message>
        <source>Picked only</source>
        <translation>Nur markierte</translation>
    </message>
    <message>
        <source>Hide rejected</source>
        <translation>Abgelehnte ausblenden</translation>
    </message>
    <message>
        <source>Minimum rating</source>
        <translation>Mindestbewertung</translation>
    </message>
    <message>
        <source>Export format</source>
        <translation>Exportformat</translation>
    </message>
    <message>
        <source>Export quality</source>
        <translation>Exportqualität</translation>
    </message>
    <message>
        <source>File names</source>
        <translation>Dateinamen</translation>
    </message>
    <message>
        <source>Metadata sidecar</source>
        <translation>Metadaten-Begleitdatei</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <extracomment>The saved token changed (replaced or removed): paused jobs may resume.</extracomment>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <source>Settings problems</source>
        <translation>Probleme mit den Einstellungen</translation>
    </message>
    <message>
        <source>Applies at the next start.</source>
        <translation>Gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>A new language applies at the next start.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen …</translation>
    </message>
    <message>
        <source>Choose: %1</source>
        <translation>Auswählen: %1</translation>
    </message>
    <message>
        <source>Default (the app&apos;s data folder)</source>
        <translation>Standard (der Datenordner des Programms)</translation>
    </message>
    <message>
        <source>Ask each time (remembers the last)</source>
        <translation>Jedes Mal fragen (merkt sich den letzten)</translation>
    </message>
    <message>
        <source>A new library folder is used from the next start.</source>
        <translation>Ein neuer Bibliotheksordner wird ab dem nächsten Start verwendet.</translation>
    </message>
    <message>
        <source>Token status</source>
        <translation>Token-Status</translation>
    </message>
    <message>
        <source>Save Token</source>
        <translation>Token speichern</translation>
    </message>
    <message>
        <source>Remove Token</source>
        <translation>Token entfernen</translation>
    </message>
    <message>
        <source>Replace the token:</source>
        <translation>Token ersetzen:</translation>
    </message>
    <message>
        <source>https only; http is allowed for loopback addresses (testing)</source>
        <translation>Nur https; http ist nur für Loopback-Adressen erlaubt (zum Testen)</translation>
    </message>
    <message>
        <source>Current token: %1&lt;br&gt;Source: %2&lt;br&gt;Keyring: %3</source>
        <translation>Aktueller Token: %1&lt;br&gt;Quelle: %2&lt;br&gt;Schlüsselbund: %3</translation>
    </message>
    <message>
        <source>none available</source>
        <translation>keiner verfügbar</translation>
    </message>
    <message>
        <source>from the environment variable %1 (overrides the saved one, never stored)</source>
        <translation>aus der Umgebungsvariablen %1 (hat Vorrang vor dem gespeicherten, wird nie gespeichert)</translation>
    </message>
    <message>
        <source>saved in the system keyring</source>
        <translation>im Schlüsselbund des Systems gespeichert</translation>
    </message>
    <message>
        <source>kept for this session only (no system keyring available)</source>
        <translation>nur für diese Sitzung behalten (kein Schlüsselbund verfügbar)</translation>
    </message>
    <message>
        <source>no token set</source>
        <translation>kein Token festgelegt</translation>
    </message>
    <message>
        <source>The saved token was removed.</source>
        <translation>Der gespeicherte Token wurde entfernt.</translation>
    </message>
    <message>
        <source>The library folder must be a full path.</source>
        <translation>Der Bibliotheksordner muss ein vollständiger Pfad sein.</translation>
    </message>
    <message>
        <source>The export folder must be a full path.</source>
        <translation>Der Exportordner muss ein vollständiger Pfad sein.</translation>
    </message>
    <message>
        <source>“%1” is not a usable API base URL: it must look like %2 (http:// only for this computer) without a user name, password, “?” or “#”.</source>
        <translation>„%1“ ist keine brauchbare API-Basis-URL: Sie muss wie %2 aussehen (http:// nur für diesen Computer), ohne Benutzername, Passwort, „?“ oder „#“.</translation>
    </message>
</context>
<context>
    <name>SheetSaver</name>
    <message>
        <source>Save Contact Sheet</source>
        <translation>Kontaktabzug speichern</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>Making the contact sheet…</source>
        <translation>Kontaktabzug wird erstellt …</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Contact sheet saved: %1</source>
        <translation>Kontaktabzug gespeichert: %1</translation>
    </message>
    <message>
        <source>A contact sheet is a .pdf or a .png file, not %1.</source>
        <translation>Ein Kontaktabzug ist eine .pdf- oder .png-Datei, nicht %1.</translation>
    </message>
    <message>
        <source>There are no images to put on a contact sheet.</source>
        <translation>Es gibt keine Bilder für einen Kontaktabzug.</translation>
    </message>
    <message>
        <source>%1 exists already: choose another name.</source>
        <translation>%1 gibt es schon – wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Den Ordner %1 gibt es nicht.</translation>
    </message>
    <message>
        <source>The contact sheet could not be written.</source>
        <translation>Der Kontaktabzug konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>StyleChips</name>
    <message>
        <source>+ Style</source>
        <extracomment>A style was turned on or off, saved or deleted.</extracomment>
        <translation>+ Stil</translation>
    </message>
    <message>
        <source>Save a new style</source>
        <translation>Neuen Stil speichern</translation>
    </message>
    <message>
        <source>Save a snippet such as “soft watercolour, paper texture” to add to any prompt</source>
        <translation>Einen Baustein wie „soft watercolour, paper texture“ speichern, um ihn jedem Prompt hinzuzufügen</translation>
    </message>
    <message>
        <source>Name, e.g. Watercolour</source>
        <translation>Name, z. B. Aquarell</translation>
    </message>
    <message>
        <source>Style name</source>
        <translation>Name des Stils</translation>
    </message>
    <message>
        <source>Text added, e.g. soft watercolour, paper texture</source>
        <translation>Hinzugefügter Text, z. B. soft watercolour, paper texture</translation>
    </message>
    <message>
        <source>Style text</source>
        <translation>Text des Stils</translation>
    </message>
    <message>
        <source>Save style</source>
        <translation>Stil speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Adds: {text}</source>
        <translation>Fügt hinzu: {text}</translation>
    </message>
    <message>
        <source>Style {name}</source>
        <translation>Stil {name}</translation>
    </message>
    <message>
        <source>Edit style</source>
        <translation>Stil bearbeiten</translation>
    </message>
    <message>
        <source>Delete style</source>
        <translation>Stil löschen</translation>
    </message>
</context>
<context>
    <name>TokenEntry</name>
    <message>
        <source>Paste your RunComfy API token</source>
        <translation>Fügen Sie Ihren RunComfy-API-Token ein</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API-Token</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Show or hide the token</source>
        <translation>Token anzeigen oder verbergen</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Check the token with RunComfy (costs nothing)</source>
        <translation>Token bei RunComfy prüfen (kostenlos)</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>Ergebnis der Prüfung</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>Paste a token first.</source>
        <translation>Fügen Sie zuerst einen Token ein.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft …</translation>
    </message>
    <message>
        <source>Could not check the token (%1).</source>
        <translation>Der Token konnte nicht geprüft werden (%1).</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to %1</source>
        <translation>Willkommen bei %1</translation>
    </message>
    <message>
        <source>To generate images with Seedream 4.0 you need a RunComfy API token. You find it on your &lt;a href=&quot;%1&quot;&gt;RunComfy profile page&lt;/a&gt; (API keys). It is kept in your system keyring, never in a file.</source>
        <translation>Um mit Seedream 4.0 Bilder zu generieren, brauchen Sie einen API-Token von RunComfy. Sie finden ihn auf Ihrer &lt;a href=&quot;%1&quot;&gt;RunComfy-Profilseite&lt;/a&gt; (API-Schlüssel). Er wird im Schlüsselbund Ihres Systems aufbewahrt, nie in einer Datei.</translation>
    </message>
    <message>
        <source>Try the Demo</source>
        <translation>Demo ausprobieren</translation>
    </message>
    <message>
        <source>Explore the whole app against a built-in emulator: free</source>
        <translation>Das ganze Programm mit einem eingebauten Emulator erkunden – kostenlos</translation>
    </message>
    <message>
        <source>Save Token &amp;&amp; Continue</source>
        <translation>Token speichern &amp;&amp; weiter</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>Schnell</translation>
    </message>
    <message>
        <source>Seed %1</source>
        <translation>Seed %1</translation>
    </message>
    <message>
        <source>Seed: random</source>
        <translation>Seed: zufällig</translation>
    </message>
    <message numerus="yes">
        <source>%Ln star(s)</source>
        <translation>
            <numerusform>%Ln Stern</numerusform>
            <numerusform>%Ln Sterne</numerusform>
        </translation>
    </message>
    <message>
        <source>Token accepted by RunComfy.</source>
        <translation>RunComfy hat den Token akzeptiert.</translation>
    </message>
    <message>
        <source>RunComfy rejected this token. Copy it again from your profile.</source>
        <translation>RunComfy hat diesen Token abgelehnt. Kopieren Sie ihn noch einmal aus Ihrem Profil.</translation>
    </message>
    <message>
        <source>Could not check the token: %1</source>
        <translation>Der Token konnte nicht geprüft werden: %1</translation>
    </message>
    <message>
        <source>The disk is full: the library cannot be written.</source>
        <translation>Der Datenträger ist voll: In die Bibliothek kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>The library cannot be used. Check that its folder exists and is writable; the log has the details.</source>
        <translation>Die Bibliothek lässt sich nicht verwenden. Prüfen Sie, ob ihr Ordner existiert und beschreibbar ist; Einzelheiten stehen im Protokoll.</translation>
    </message>
    <message>
        <source>The API base URL (--base-url, SEEDREAM_API_BASE_URL or Settings → Advanced) is not valid.</source>
        <translation>Die API-Basis-URL (--base-url, SEEDREAM_API_BASE_URL oder „Einstellungen → Erweitert“) ist ungültig.</translation>
    </message>
    <message>
        <source>the settings file cannot be written; the log has the details.</source>
        <translation>Die Einstellungsdatei lässt sich nicht schreiben; Einzelheiten stehen im Protokoll.</translation>
    </message>
    <message>
        <source>a value is not allowed; the log has the details.</source>
        <translation>Ein Wert ist nicht zulässig; Einzelheiten stehen im Protokoll.</translation>
    </message>
    <message>
        <source>The API token is empty. Paste the token from your RunComfy account.</source>
        <translation>Der API-Token ist leer. Fügen Sie den Token aus Ihrem RunComfy-Konto ein.</translation>
    </message>
    <message>
        <source>The API token must not contain spaces, line breaks, control or non-ASCII characters. Copy it again from your RunComfy account.</source>
        <translation>Der API-Token darf keine Leerzeichen, Zeilenumbrüche, Steuer- oder Nicht-ASCII-Zeichen enthalten. Kopieren Sie ihn noch einmal aus Ihrem RunComfy-Konto.</translation>
    </message>
    <message>
        <source>No system keyring is available, so the token is kept only until you quit.</source>
        <translation>Es ist kein Schlüsselbund verfügbar; der Token wird daher nur bis zum Beenden behalten.</translation>
    </message>
    <message>
        <source>The token is saved in %1.</source>
        <translation>Der Token ist in %1 gespeichert.</translation>
    </message>
    <message>
        <source>%1 is set, so that token is used instead until it is unset.</source>
        <translation>%1 ist gesetzt; solange das so ist, wird stattdessen dieser Token verwendet.</translation>
    </message>
    <message>
        <source>The token is forgotten for this session, but %1 could not be reached to delete the saved copy. Unlock your keyring and try again.</source>
        <translation>Der Token ist für diese Sitzung vergessen, aber %1 war nicht erreichbar, um die gespeicherte Kopie zu löschen. Entsperren Sie Ihren Schlüsselbund und versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>ZoomControls</name>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>In Fenster einpassen</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Originalgröße</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom level</source>
        <translation>Zoomstufe</translation>
    </message>
    <message>
        <source>Fit · %1</source>
        <translation>Eingepasst · %1</translation>
    </message>
</context>
</TS>
