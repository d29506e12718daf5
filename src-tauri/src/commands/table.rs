// The one table of the app's IPC commands. `lib.rs` makes the invoke handler and
// `newsdesk_app::COMMANDS` from it, `build.rs` the ACL's command list; a test checks that
// capabilities/main.json allows exactly these, that `ui/src/lib/api.ts` calls each of them,
// and generates the TypeScript `CommandName` union from it. A new command: its function
// in `commands/`, one line here, its `allow-…` line in capabilities/main.json, its
// function in api.ts.
commands_table! {
    app_info,
    list_articles,
    search_articles,
    get_article,
    load_samples,
    create_article,
    save_article,
    set_status,
    list_revisions,
    restore_revision,
    compare_revisions,
    trash_article,
    restore_article,
    put_image,
    get_asset,
    get_settings,
    set_settings,
    export_article,
    export_all,
    create_roundup,
    get_roundup,
    save_roundup,
    set_roundup_status,
    brief_from_article,
    article_usage,
    preview_roundup,
    export_roundup,
    import_roundup_text,
    restore_roundup_revision,
}
