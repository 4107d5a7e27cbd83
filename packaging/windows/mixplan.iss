; Inno Setup 6 script for mixplan (DESIGN §13).
;
; Build (from the repository root, after PyInstaller made dist\mixplan):
;   iscc /DAppVersion=0.1.0 /DSourceDir=%CD%\dist\mixplan ^
;        /DDemoFile=%CD%\dist\demo.mixplan.gpkg /DOutputDir=%CD%\dist ^
;        packaging\windows\mixplan.iss
; Inno Setup resolves relative paths from this script's folder: pass absolute ones.
; (This file is UTF-8 with a byte-order mark, which Inno Setup 6 needs for the accents.)
;
; - per-user install: no administrator rights (PrivilegesRequired=lowest), into
;   %LOCALAPPDATA%\Programs\mixplan, registry entries under HKCU;
;   an administrator may still choose "for all users" in the dialog;
; - a Start-menu entry for the app and one that opens the demo project;
; - "Open with > mixplan" for .gpkg files without taking the default away from a
;   GIS (QGIS) that may own it: an OpenWithProgids entry, never the (Default) value;
; - the demo project, copied to Documents\mixplan once (kept on uninstall: it is
;   the user's file from then on);
; - an uninstaller (Settings > Apps) that removes the app and its registry entries.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\mixplan"
#endif
#ifndef DemoFile
  #define DemoFile "..\..\dist\demo.mixplan.gpkg"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

#define AppName "mixplan"
#define AppExe "mixplan.exe"
#define ProgId "mixplan.GeoPackage"

[Setup]
; A fixed AppId: upgrades replace the previous install instead of adding another.
AppId={{6B1F0E3A-8C2D-4E57-9A41-5D3C7B2E9F10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=mixplan
AppComments=Plan the mixed-use redevelopment of business sites
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
; The demo goes to the installing user's Documents, also in "all users" mode.
UsedUserAreasWarning=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=mixplan-{#AppVersion}-windows-setup
SetupIconFile=..\..\resources\icons\mixplan.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
french.DemoProject=Projet de démonstration mixplan
english.DemoProject=mixplan demo project
french.OpenWith=Proposer mixplan dans « Ouvrir avec » pour les fichiers .gpkg
english.OpenWith=Offer mixplan in "Open with" for .gpkg files

[Tasks]
Name: "openwith"; Description: "{cm:OpenWith}"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; A pristine copy with the app, and the user's own copy in Documents (never
; overwritten on upgrade, never removed on uninstall).
Source: "{#DemoFile}"; DestDir: "{app}\demo"; Flags: ignoreversion
Source: "{#DemoFile}"; DestDir: "{userdocs}\mixplan"; Flags: onlyifdoesntexist uninsneveruninstall

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autoprograms}\{cm:DemoProject}"; Filename: "{app}\{#AppExe}"; Parameters: """{userdocs}\mixplan\demo.mixplan.gpkg"""
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The ProgID that describes "a GeoPackage opened by mixplan".
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "GeoPackage (mixplan)"; Flags: uninsdeletekey; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: openwith
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: openwith
; Listed under .gpkg's "Open with", leaving .gpkg's (Default) ProgID untouched.
Root: HKA; Subkey: "Software\Classes\.gpkg\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: openwith
; The application itself, so "Open with > Choose another app" knows it and its types.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".gpkg"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
