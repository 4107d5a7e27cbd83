<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>FindingsModel</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <extracomment>The Finding of a child row, the FindingGroup of a group row. The building ids a row is about. Findings listed under an expanded group, the worst first; a last row says how many more there are. A tree lays out every child of an expanded row: a group of 28,000 findings (a varied 10,000-building park) took 230 ms of CPU to expand, and again after every edit while it stayed expanded. positions of the findings about each building (None: made when a building filter first needs them) groups shown, with the positions (in ``findings``) shown in each and the floor area they concern</extracomment>
        <translation><numerusform>%Ln error</numerusform><numerusform>%Ln errors</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation><numerusform>%Ln warning</numerusform><numerusform>%Ln warnings</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation><numerusform>%Ln note</numerusform><numerusform>%Ln notes</numerusform></translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation><numerusform>%Ln error</numerusform><numerusform>%Ln errors</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation><numerusform>%Ln warning</numerusform><numerusform>%Ln warnings</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation><numerusform>%Ln note</numerusform><numerusform>%Ln notes</numerusform></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>GIS data, %n layer(s)</source>
        <translation><numerusform>GIS data, %Ln layer</numerusform><numerusform>GIS data, %Ln layers</numerusform></translation>
    </message>
</context>
<context>
    <name>ScenariosDock</name>
    <message numerus="yes">
        <source>⚠ %n error(s)</source>
        <translation><numerusform>⚠ %Ln error</numerusform><numerusform>⚠ %Ln errors</numerusform></translation>
    </message>
</context>
<context>
    <name>StatusReadouts</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation><numerusform>%Ln error</numerusform><numerusform>%Ln errors</numerusform></translation>
    </message>
</context>
</TS>