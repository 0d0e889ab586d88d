; PKCE Inspector's additions to electron-builder's NSIS installer (electron-builder.yml: nsis.include).
; electron-builder's NSIS target registers no URL scheme for a per-user install, so the
; browser-scheme mode would only work after the app's first launch registered it. Here the installer
; registers it: under SHELL_CONTEXT, which electron-builder sets to HKCU for a per-user install and
; to HKLM for a per-machine one, i.e. Software\Classes of the current user or of the machine.
; The keys are what Electron's app.setAsDefaultProtocolClient writes, so the app's own check at
; start finds them in place. The scheme must equal APP_SCHEME in shared/app-identity.ts
; (build/installer-nsis.test.ts checks it and compiles this file with makensis).
; Included by both the installer and the uninstaller build, each of which uses one macro: no `Var`
; (an unused variable is a warning, and electron-builder builds with warnings as errors).

!include LogicLib.nsh

!define PKCE_INSPECTOR_SCHEME "io.github.pkce-inspector"
!define PKCE_INSPECTOR_SCHEME_KEY "Software\Classes\${PKCE_INSPECTOR_SCHEME}"

!macro customInstall
  WriteRegStr SHELL_CONTEXT "${PKCE_INSPECTOR_SCHEME_KEY}" "" "URL:${PRODUCT_NAME} callback"
  WriteRegStr SHELL_CONTEXT "${PKCE_INSPECTOR_SCHEME_KEY}" "URL Protocol" ""
  WriteRegStr SHELL_CONTEXT "${PKCE_INSPECTOR_SCHEME_KEY}\DefaultIcon" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}",0'
  WriteRegStr SHELL_CONTEXT "${PKCE_INSPECTOR_SCHEME_KEY}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
!macroend

; Removes the scheme only where it still opens this installation: another install (per-machine
; next to per-user, or another app that took the scheme over) keeps its registration. HKCU is
; checked too after a per-machine uninstall, because the app registers itself there at run time.
!macro customUnInstall
  Push $0
  ReadRegStr $0 SHELL_CONTEXT "${PKCE_INSPECTOR_SCHEME_KEY}\shell\open\command" ""
  ${If} $0 == '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
    DeleteRegKey SHELL_CONTEXT "${PKCE_INSPECTOR_SCHEME_KEY}"
  ${EndIf}
  ReadRegStr $0 HKCU "${PKCE_INSPECTOR_SCHEME_KEY}\shell\open\command" ""
  ${If} $0 == '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
    DeleteRegKey HKCU "${PKCE_INSPECTOR_SCHEME_KEY}"
  ${EndIf}
  Pop $0
!macroend
