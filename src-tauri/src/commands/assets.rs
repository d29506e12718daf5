//! Images: the editor sends a dropped or pasted image's bytes; the library keeps them by their
//! SHA-256; the editor asks for them back to show them.
use tauri::ipc::{InvokeBody, Request, Response};
use tauri::{AppHandle, Runtime};

use super::on_library;
use crate::error::CommandError;

/// The largest image accepted (a newsroom photo rarely exceeds a few megabytes).
pub const MAX_IMAGE_BYTES: usize = 20 * 1024 * 1024;

/// The image type of `bytes`, read from its first bytes (never from a name or a header).
pub fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// Stores the raw bytes of the request body as an image; returns its asset id. Hashing up
/// to 20 MB runs on a worker thread.
#[tauri::command]
pub async fn put_image<R: Runtime>(app: AppHandle<R>, request: Request<'_>) -> Result<String, CommandError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(CommandError::invalid("the image must be sent as raw bytes"));
    };
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(CommandError::invalid("the image is larger than 20 MB"));
    }
    let mime = sniff_image(bytes)
        .ok_or_else(|| CommandError::invalid("this file is not a PNG, JPEG, GIF or WebP image"))?;
    let bytes = bytes.clone();
    on_library(&app, move |lib, _| Ok(lib.put_asset(&bytes, mime)?)).await
}

/// The bytes of a stored image.
#[tauri::command]
pub async fn get_asset<R: Runtime>(app: AppHandle<R>, id: String) -> Result<Response, CommandError> {
    if id.len() != 64 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(CommandError::invalid(format!("{id:?} is not an image id")));
    }
    let (bytes, _mime) = on_library(&app, move |lib, _| Ok(lib.asset(&id)?)).await?;
    Ok(Response::new(bytes))
}
