<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CompareWindow</name>
    <message numerus="yes">
        <source>Compare %Ln Image(s)</source>
        <translation>
            <numerusform>Compare %Ln Image</numerusform>
            <numerusform>Compare %Ln Images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Curator</name>
    <message numerus="yes">
        <source>%Ln image(s) picked</source>
        <translation>
            <numerusform>%Ln image picked</numerusform>
            <numerusform>%Ln images picked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) rejected</source>
        <translation>
            <numerusform>%Ln image rejected</numerusform>
            <numerusform>%Ln images rejected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) unflagged</source>
        <translation>
            <numerusform>%Ln image unflagged</numerusform>
            <numerusform>%Ln images unflagged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) rated</source>
        <translation>
            <numerusform>%Ln image rated</numerusform>
            <numerusform>%Ln images rated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rating of %Ln image(s) removed</source>
        <translation>
            <numerusform>Rating of %Ln image removed</numerusform>
            <numerusform>Rating of %Ln images removed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>Export %Ln Image(s)</source>
        <translation>
            <numerusform>Export %Ln Image</numerusform>
            <numerusform>Export %Ln Images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) exported to %1</source>
        <translation>
            <numerusform>%Ln image exported to %1</numerusform>
            <numerusform>%Ln images exported to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln image(s) exported to %2</source>
        <translation>
            <numerusform>%1 of %Ln image exported to %2</numerusform>
            <numerusform>%1 of %Ln images exported to %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln failed</source>
        <translation>
            <numerusform>; %Ln failed</numerusform>
            <numerusform>; %Ln failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… and %Ln more</numerusform>
            <numerusform>… and %Ln more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exporting %1 of %Ln…</source>
        <translation>
            <numerusform>Exporting %1 of %Ln…</numerusform>
            <numerusform>Exporting %1 of %Ln…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GeneratePanel</name>
    <message numerus="yes">
        <source> image(s), one per frame</source>
        <translation>
            <numerusform> image, one per frame</numerusform>
            <numerusform> images, one per frame</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> image(s)</source>
        <translation>
            <numerusform> image</numerusform>
            <numerusform> images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HeaderWords</name>
    <message numerus="yes">
        <source>%1 of %Ln image(s)</source>
        <translation>
            <numerusform>%1 of %Ln image</numerusform>
            <numerusform>%1 of %Ln images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) not at the preset&apos;s %1.</source>
        <translation>
            <numerusform>%Ln image not at the preset&apos;s %1.</numerusform>
            <numerusform>%Ln images not at the preset&apos;s %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImageCopier</name>
    <message numerus="yes">
        <source>Copied %Ln image(s).</source>
        <translation>
            <numerusform>Copied %Ln image.</numerusform>
            <numerusform>Copied %Ln images.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message numerus="yes">
        <source>Image %1 of %Ln</source>
        <translation>
            <numerusform>Image %1 of %Ln</numerusform>
            <numerusform>Image %1 of %Ln</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobWording</name>
    <message numerus="yes">
        <source>%1 of %Ln image(s) could not be saved (%2). Use Retry download.</source>
        <translation>
            <numerusform>%1 of %Ln image could not be saved (%2). Use Retry download.</numerusform>
            <numerusform>%1 of %Ln images could not be saved (%2). Use Retry download.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Running — generating %Ln image(s)</source>
        <translation>
            <numerusform>Running — generating %Ln image</numerusform>
            <numerusform>Running — generating %Ln images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done — %Ln image(s)</source>
        <translation>
            <numerusform>Done — %Ln image</numerusform>
            <numerusform>Done — %Ln images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln image(s): the model returned fewer than asked.</source>
        <translation>
            <numerusform>%1 of %Ln image: the model returned fewer than asked.</numerusform>
            <numerusform>%1 of %Ln images: the model returned fewer than asked.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Job %1 started: %Ln image(s), %2.</source>
        <translation>
            <numerusform>Job %1 started: %Ln image, %2.</numerusform>
            <numerusform>Job %1 started: %Ln images, %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Job %1 done: %Ln image(s).</source>
        <translation>
            <numerusform>Job %1 done: %Ln image.</numerusform>
            <numerusform>Job %1 done: %Ln images.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resumed %Ln unfinished job(s) from last time.</source>
        <translation>
            <numerusform>Resumed %Ln unfinished job from last time.</numerusform>
            <numerusform>Resumed %Ln unfinished jobs from last time.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln job(s) (%1) are being run by another %2 (a window, `generate` or `resume`) — left alone here.</source>
        <translation>
            <numerusform>%Ln job (%1) are being run by another %2 (a window, `generate` or `resume`) — left alone here.</numerusform>
            <numerusform>%Ln jobs (%1) are being run by another %2 (a window, `generate` or `resume`) — left alone here.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resumed %Ln paused job(s) with the new token.</source>
        <translation>
            <numerusform>Resumed %Ln paused job with the new token.</numerusform>
            <numerusform>Resumed %Ln paused jobs with the new token.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s)</source>
        <translation>
            <numerusform>%Ln image</numerusform>
            <numerusform>%Ln images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln image(s)</source>
        <translation>
            <numerusform>%1 of %Ln image</numerusform>
            <numerusform>%1 of %Ln images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Compare %Ln Image(s)</source>
        <translation>
            <numerusform>Compare %Ln Image</numerusform>
            <numerusform>Compare %Ln Images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Export %Ln Image(s)…</source>
        <translation>
            <numerusform>Export %Ln Image…</numerusform>
            <numerusform>Export %Ln Images…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Contact Sheet of %Ln Image(s)…</source>
        <translation>
            <numerusform>Contact Sheet of %Ln Image…</numerusform>
            <numerusform>Contact Sheet of %Ln Images…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln Image(s)…</source>
        <translation>
            <numerusform>Delete %Ln Image…</numerusform>
            <numerusform>Delete %Ln Images…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln image(s) from the library? The files are removed from disk.</source>
        <translation>
            <numerusform>Delete %Ln image from the library? The files are removed from disk.</numerusform>
            <numerusform>Delete %Ln images from the library? The files are removed from disk.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln image(s).</source>
        <translation>
            <numerusform>Deleted %Ln image.</numerusform>
            <numerusform>Deleted %Ln images.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted series %1: %Ln image(s).</source>
        <translation>
            <numerusform>Deleted series %1: %Ln image.</numerusform>
            <numerusform>Deleted series %1: %Ln images.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln could not be removed: %1</source>
        <translation>
            <numerusform>%Ln could not be removed: %1</numerusform>
            <numerusform>%Ln could not be removed: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln job(s) are still running.</source>
        <translation>
            <numerusform>%Ln job is still running.</numerusform>
            <numerusform>%Ln jobs are still running.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SeriesActions</name>
    <message numerus="yes">
        <source>Delete series %1 and its %Ln image(s)? The files are removed from disk.</source>
        <translation>
            <numerusform>Delete series %1 and its %Ln image? The files are removed from disk.</numerusform>
            <numerusform>Delete series %1 and its %Ln images? The files are removed from disk.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message numerus="yes">
        <source>%Ln star(s)</source>
        <translation>
            <numerusform>%Ln star</numerusform>
            <numerusform>%Ln stars</numerusform>
        </translation>
    </message>
</context>
</TS>
