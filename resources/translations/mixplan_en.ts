<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>FindingsModel</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <extracomment>The Finding of a child row, the FindingGroup of a group row. The building ids a row is about. groups shown, with the positions (in ``findings``) shown in each</extracomment>
        <translation><numerusform>%n error</numerusform><numerusform>%n errors</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation><numerusform>%n warning</numerusform><numerusform>%n warnings</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation><numerusform>%n note</numerusform><numerusform>%n notes</numerusform></translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation><numerusform>%n error</numerusform><numerusform>%n errors</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation><numerusform>%n warning</numerusform><numerusform>%n warnings</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation><numerusform>%n note</numerusform><numerusform>%n notes</numerusform></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>GIS data, %n layer(s)</source>
        <translation><numerusform>GIS data, %n layer</numerusform><numerusform>GIS data, %n layers</numerusform></translation>
    </message>
</context>
<context>
    <name>ScenariosDock</name>
    <message numerus="yes">
        <source>⚠ %n error(s)</source>
        <translation><numerusform>⚠ %n error</numerusform><numerusform>⚠ %n errors</numerusform></translation>
    </message>
</context>
<context>
    <name>StatusReadouts</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation><numerusform>%n error</numerusform><numerusform>%n errors</numerusform></translation>
    </message>
</context>
</TS>