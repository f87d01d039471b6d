import { app, shell, session } from 'electron';
import { allowNavigation, grantPermission, openExternally } from './policy';

/** Applies the navigation, new-window, webview and permission policies to every web contents. */
export function hardenContents(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(grantPermission(permission, details.requestingUrl));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    grantPermission(permission, requestingOrigin ? `${requestingOrigin}/index.html` : undefined),
  );
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!allowNavigation(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!allowNavigation(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (openExternally(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
