; Inno Setup 6.3+ script: a per-user installer (no administrator rights) of the one-folder build.
; Build it with packaging\windows\build.ps1, which runs PyInstaller first, or by hand:
;   iscc packaging\windows\seedream-desktop.iss
; The version is read back from the built executable's version resource, so it always matches
; seedream_desktop.__version__ (see packaging\windows\version_info.txt).

#define AppName "Seedream Desktop"
#define AppExe "seedream-desktop.exe"
#define Out AddBackslash(SourcePath) + "..\out"
#define DistDir Out + "\dist\seedream-desktop"
#if !FileExists(DistDir + "\" + AppExe)
  #error Build the app first (PyInstaller): packaging\out\dist\seedream-desktop\seedream-desktop.exe is missing
#endif
#define AppVersion GetStringFileInfo(DistDir + "\" + AppExe, "ProductVersion")

[Setup]
; Never change AppId: Windows knows installed versions of the app by it.
AppId={{D0BC5BB4-10E1-4039-9727-1B2227D98B20}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Seedream Desktop
VersionInfoVersion={#GetVersionNumbersString(DistDir + "\" + AppExe)}
; Per user: installs to %LOCALAPPDATA%\Programs and the user's Start menu, without a UAC prompt.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile={#Out}\icons\seedream-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#Out}
OutputBaseFilename=seedream-desktop-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running copy would keep its files locked: offer to close it.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole folder: seedream-desktop.exe (window), seedream-desktop-cli.exe (CLI, --self-test)
; and _internal. The user's library lives in their data folder and survives uninstalling.
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Files of an older version that the new one no longer ships would otherwise be loaded by Qt.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
