# Windows installer, from a checkout, in one command (PowerShell 5.1 or 7):
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# -> packaging\out\dist\seedream-desktop\                       the one-folder build
#    packaging\out\seedream-desktop-<version>-windows-x64-setup.exe
#
# Needs Python 3.11+ (the py launcher or python on PATH) and Inno Setup 6.3+ (iscc on PATH or
# in its default folder). Builds in its own venv: $env:PACKAGE_VENV, default build\package-venv.
$ErrorActionPreference = "Stop"
$Root = (Resolve-Path "$PSScriptRoot\..\..").Path
Set-Location $Root

function Invoke-Checked {
    # Native commands do not stop the script on failure by themselves.
    & $args[0] @($args | Select-Object -Skip 1)
    if ($LASTEXITCODE -ne 0) { throw "$($args[0]) failed with exit code $LASTEXITCODE" }
}

$Venv = if ($env:PACKAGE_VENV) { $env:PACKAGE_VENV } else { Join-Path $Root "build\package-venv" }
$Python = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $Python)) {
    if (Get-Command py -ErrorAction SilentlyContinue) { Invoke-Checked py -3 -m venv $Venv }
    else { Invoke-Checked python -m venv $Venv }
}

# The dependencies and the `package` extra, read from pyproject so they are listed once.
$Requirements = Join-Path $Venv "seedream-package-requirements.txt"
Invoke-Checked $Python -c @"
import sys, tomllib
project = tomllib.load(open('pyproject.toml', 'rb'))['project']
open(sys.argv[1], 'w').write('\n'.join(project['dependencies'] + project['optional-dependencies']['package']))
"@ $Requirements
Invoke-Checked $Python -m pip install --quiet --upgrade pip
Invoke-Checked $Python -m pip install --quiet -c constraints.txt -r $Requirements

Invoke-Checked (Join-Path $Venv "Scripts\pyinstaller.exe") --noconfirm --clean --log-level WARN `
    --distpath packaging\out\dist --workpath packaging\out\build packaging\seedream-desktop.spec

# The check the Linux packaging test runs too: the frozen app's self-test, offscreen, before
# anything is packed.
$env:QT_QPA_PLATFORM = "offscreen"
try { Invoke-Checked packaging\out\dist\seedream-desktop\seedream-desktop-cli.exe --self-test }
finally { Remove-Item Env:QT_QPA_PLATFORM }

$Iscc = (Get-Command iscc -ErrorAction SilentlyContinue).Source
if (-not $Iscc) { $Iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
Invoke-Checked $Iscc packaging\windows\seedream-desktop.iss

