// Read by bench/app.mjs: the editable area is on screen after the next frame (wall clock:
// WebKit's performance.timeOrigin is not in step with it).
requestAnimationFrame(() => performance.mark('bare:editable', { detail: Date.now() }));
