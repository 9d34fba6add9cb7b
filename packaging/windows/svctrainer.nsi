; svctrainer for Windows: a per-user installer (no administrator rights needed), in
; English and Simplified Chinese.
;
;   makensis -WX -DPAYLOAD_DIR=dist\svctrainer -DVERSION=0.1.0 packaging\windows\svctrainer.nsi
;
; PAYLOAD_DIR is the PyInstaller one-folder build made on Windows (svctrainer.exe for the
; command line, svctrainer-gui.exe for the window; see packaging/svctrainer.spec).
; Installs into %LOCALAPPDATA%\Programs\svctrainer, adds a Start-menu shortcut and an
; entry in "Installed apps". Uninstalling removes exactly what was installed: the
; training results, settings, logs and backups in %LOCALAPPDATA%\svctrainer stay.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef PAYLOAD_DIR
  !error "define PAYLOAD_DIR: the PyInstaller folder, e.g. -DPAYLOAD_DIR=dist\svctrainer"
!endif
!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "svctrainer-${VERSION}-setup.exe"
!endif
!define APP_ID "org.svctrainer.SvcTrainer"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"

Name "svctrainer"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\svctrainer"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ABORTWARNING
; The language chosen at install is kept in the app's own uninstall entry, so the
; uninstaller speaks it too and nothing is left in the registry afterwards.
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "${UNINSTALL_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_FINISHPAGE_RUN "$INSTDIR\svctrainer-gui.exe"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(DataKept)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString ShortcutName ${LANG_ENGLISH} "svctrainer"
LangString ShortcutName ${LANG_SIMPCHINESE} "柜员服务训练"
LangString ShortcutComment ${LANG_ENGLISH} "Practise bank teller skills and customer service"
LangString ShortcutComment ${LANG_SIMPCHINESE} "练习银行柜员基本功与客户服务"
LangString DataKept ${LANG_ENGLISH} "svctrainer will be removed from this computer. Your training results, settings, logs and backups in $LOCALAPPDATA\svctrainer are kept: delete that folder yourself only when nobody needs them any more."
LangString DataKept ${LANG_SIMPCHINESE} "将从本机卸载 svctrainer。$LOCALAPPDATA\svctrainer 中的训练成绩、设置、日志和备份会保留；确认不再需要时，请自行删除该文件夹。"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "svctrainer"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "svctrainer setup"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "svctrainer developers (MIT licence)"

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "svctrainer" SecApp
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; The shortcut's name is in the installer's language; the uninstaller deletes the
  ; path recorded here, whatever language it runs in.
  StrCpy $0 "$SMPROGRAMS\$(ShortcutName).lnk"
  CreateShortcut "$0" "$INSTDIR\svctrainer-gui.exe" "" "$INSTDIR\svctrainer-gui.exe" 0 \
    SW_SHOWNORMAL "" "$(ShortcutComment)"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "svctrainer"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "svctrainer developers"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\svctrainer-gui.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "ShortcutPath" "$0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $1 $2 $3
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  ReadRegStr $0 HKCU "${UNINSTALL_KEY}" "ShortcutPath"
  StrCmp $0 "" +2
    Delete "$0"
  ; Only what the installer put there: never a recursive delete of $INSTDIR itself, in
  ; case someone chose a folder that also holds their own files.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\svctrainer.exe"
  Delete "$INSTDIR\svctrainer-gui.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ; The user's data ($LOCALAPPDATA\svctrainer) is deliberately left in place.
  DetailPrint "$(DataKept)"
SectionEnd
