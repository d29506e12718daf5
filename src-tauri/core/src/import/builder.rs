//! Builds a [`Doc`] that fits the schema from a stream of structure events.
//!
//! The three converters walk their own trees and tell the builder what they see: a
//! container opens or closes, a paragraph or heading starts, text arrives, a mark starts or
//! ends. The builder takes care of the rules every converter would otherwise repeat:
//!
//! - text outside a paragraph starts one, and content inside a list outside an item starts
//!   an item;
//! - empty paragraphs, headings, list items, lists and blockquotes are dropped, and so are
//!   white space and hard breaks at the start and end of a paragraph;
//! - adjacent text with the same marks is one text node;
//! - marks are kept as the editor's schema allows them: `code` stands alone (the editor's
//!   code mark excludes every other), except beside a link, which wins over `code`;
//! - control characters are dropped; in collapsing mode (HTML) white space runs become one
//!   space, as a browser shows them;
//! - containers nest at most [`MAX_DEPTH`] deep: deeper ones are flattened into their parent,
//!   so any input, however nested, makes a tree that is cheap to walk;
//! - tables: a cell holds paragraphs only, so headings in a cell become paragraphs, lists
//!   and quotes in a cell are unwrapped to their paragraphs, pictures and rules in a cell
//!   are dropped, and a table inside a cell becomes a paragraph per row, its cells
//!   separated by ` | `; an empty cell keeps its place (one empty paragraph); a table with
//!   no text is dropped, and one over the limits ([`TABLE_ROWS_MAX`], [`TABLE_COLS_MAX`],
//!   [`TABLE_CELLS_MAX`]) becomes a paragraph per row. Text directly in a table or a row
//!   gets a cell (and a row) of its own.
//!
//! Nothing here panics or recurses on input.

use crate::model::doc::{
    Block, CellAttrs, Doc, DocType, HeadingAttrs, ImageAttrs, Inline, LinkAttrs, ListItem, Mark,
    OrderedListAttrs, TableCell, TableRow,
};
use crate::model::limits::{TABLE_CELLS_MAX, TABLE_COLS_MAX, TABLE_ROWS_MAX};

/// Deepest nesting of blockquotes, lists and list items kept.
pub const MAX_DEPTH: usize = 16;

/// Separator written between two non-empty table cells of a row.
const CELL_SEPARATOR: &str = " | ";

/// A container block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    Blockquote,
    BulletList,
    OrderedList(u32),
    ListItem,
    Table,
    TableRow,
    /// A cell; `header` for a header cell, with its spans (clamped to the limits).
    TableCell { header: bool, colspan: u32, rowspan: u32 },
}

/// A block holding text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Paragraph,
    /// Level 2 to 4 (clamped).
    Heading(u8),
}

/// A mark without its attributes, for counting what is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    Bold,
    Italic,
    Strike,
    Code,
}

#[derive(Debug)]
enum FrameKind {
    Root,
    Blockquote,
    BulletList,
    OrderedList(u32),
    /// `implicit`: opened by the builder for content found directly inside a list.
    Item { implicit: bool },
    Table,
    /// `implicit`: opened by the builder for content found directly inside a table.
    Row { implicit: bool },
    /// `implicit`: opened by the builder for content found directly inside a row.
    Cell { header: bool, attrs: CellAttrs, implicit: bool },
}

#[derive(Debug)]
struct Frame {
    kind: FrameKind,
    blocks: Vec<Block>,
    items: Vec<ListItem>,
    rows: Vec<TableRow>,
    cells: Vec<TableCell>,
}

impl Frame {
    fn new(kind: FrameKind) -> Frame {
        Frame { kind, blocks: Vec::new(), items: Vec::new(), rows: Vec::new(), cells: Vec::new() }
    }

    fn is_implicit(&self) -> bool {
        matches!(
            self.kind,
            FrameKind::Item { implicit: true } | FrameKind::Row { implicit: true } | FrameKind::Cell { implicit: true, .. }
        )
    }

    fn is_list(&self) -> bool {
        matches!(self.kind, FrameKind::BulletList | FrameKind::OrderedList(_))
    }
}

/// What leaving a source node undoes. A converter's walker keeps one per node it entered
/// and hands it to [`DocBuilder::undo`] when it leaves the node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Nothing,
    EndBlock,
    Close,
    Mark(MarkKind),
    Link,
    /// Ends preformatted text and its paragraph.
    Pre,
}

/// What is owed before the next visible character.
#[derive(Debug)]
enum Pending {
    None,
    /// A collapsed space, with the marks it was seen under.
    Space(Vec<Mark>),
    /// A table cell began.
    Cell,
}

#[derive(Debug)]
struct TextBlock {
    kind: TextKind,
    content: Vec<Inline>,
    /// Text was written since the block began (kept to answer without a scan).
    has_text: bool,
}

/// What one [`DocBuilder::open`] did, for its [`DocBuilder::close`] to undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opened {
    /// Pushed a frame.
    Frame,
    /// Nothing (a flattened container).
    Nothing,
    /// Began a paragraph for a row of a flattened table; closing ends it.
    FlatRow,
    /// A cell of a flattened table: its text goes on in the row's paragraph.
    FlatCell,
}

/// The document under construction. See the module documentation.
#[derive(Debug)]
pub struct DocBuilder {
    stack: Vec<Frame>,
    /// One entry per [`DocBuilder::open`].
    opened: Vec<Opened>,
    /// Open table cells (frames), to know that what opens now is inside one.
    in_cells: usize,
    block: Option<TextBlock>,
    /// How many of each mark are open: bold, italic, strike, code.
    mark_depth: [u32; 4],
    /// Open links with an allowed address, innermost last.
    links: Vec<String>,
    /// The marks text gets now, worked out from `mark_depth` and `links`.
    marks: Vec<Mark>,
    pending: Pending,
    /// Collapse white space runs into one space (HTML); otherwise keep spaces as written.
    collapse: bool,
    /// Inside preformatted text: spaces kept, a newline is a hard break.
    pre: u32,
}

impl DocBuilder {
    /// A builder that collapses white space like a browser (`true`) or keeps it (`false`).
    pub fn new(collapse: bool) -> DocBuilder {
        DocBuilder {
            stack: vec![Frame::new(FrameKind::Root)],
            opened: Vec::new(),
            in_cells: 0,
            block: None,
            mark_depth: [0; 4],
            links: Vec::new(),
            marks: Vec::new(),
            pending: Pending::None,
            collapse,
            pre: 0,
        }
    }

    /// Opens a container; every call must be matched by one [`DocBuilder::close`].
    /// A list item outside a list, and anything past [`MAX_DEPTH`], only ends the paragraph;
    /// so do lists and quotes inside a table cell (see the module documentation for tables).
    pub fn open(&mut self, container: Container) {
        if let Container::TableCell { header, colspan, rowspan } = container {
            return self.open_cell(header, colspan, rowspan);
        }
        self.end_block();
        match container {
            Container::Table => return self.open_table(),
            Container::TableRow => return self.open_row(),
            _ => {}
        }
        if self.in_cells > 0 {
            self.opened.push(Opened::Nothing);
            return;
        }
        if container == Container::ListItem {
            if !self.top_is_list() {
                if self.top_is_implicit_item() {
                    // A second item of a list whose first content had no item of its own.
                    self.finish_frame();
                    return self.open(container);
                }
                self.opened.push(Opened::Nothing);
                return;
            }
        } else {
            self.ensure_block_context();
        }
        if self.stack.len() > MAX_DEPTH {
            self.opened.push(Opened::Nothing);
            return;
        }
        let kind = match container {
            Container::Blockquote => FrameKind::Blockquote,
            Container::BulletList => FrameKind::BulletList,
            Container::OrderedList(start) => FrameKind::OrderedList(start),
            _ => FrameKind::Item { implicit: false },
        };
        self.push_frame(kind);
    }

    fn push_frame(&mut self, kind: FrameKind) {
        if matches!(kind, FrameKind::Cell { .. }) {
            self.in_cells += 1;
        }
        self.stack.push(Frame::new(kind));
        self.opened.push(Opened::Frame);
    }

    /// A table, unless inside a cell or too deep: then its rows become paragraphs.
    fn open_table(&mut self) {
        if self.in_cells > 0 || self.stack.len() > MAX_DEPTH {
            self.opened.push(Opened::Nothing);
            return;
        }
        self.ensure_block_context();
        self.push_frame(FrameKind::Table);
    }

    fn open_row(&mut self) {
        self.finish_implicit(|k| matches!(k, FrameKind::Cell { implicit: true, .. } | FrameKind::Row { implicit: true }));
        if self.top_is(|k| matches!(k, FrameKind::Table)) {
            self.push_frame(FrameKind::Row { implicit: false });
        } else {
            // A row of a flattened table (or a stray one): a paragraph of its cells.
            self.begin_block(TextKind::Paragraph);
            self.opened.push(Opened::FlatRow);
        }
    }

    fn open_cell(&mut self, header: bool, colspan: u32, rowspan: u32) {
        if self.opened.last() != Some(&Opened::FlatRow) || self.top_is(|k| matches!(k, FrameKind::Row { .. } | FrameKind::Table)) {
            self.end_block();
        }
        self.finish_implicit(|k| matches!(k, FrameKind::Cell { implicit: true, .. }));
        if self.top_is(|k| matches!(k, FrameKind::Table)) {
            self.stack.push(Frame::new(FrameKind::Row { implicit: true }));
        }
        if self.top_is(|k| matches!(k, FrameKind::Row { .. })) {
            let attrs = CellAttrs {
                colspan: colspan.clamp(1, TABLE_COLS_MAX as u32),
                rowspan: rowspan.clamp(1, TABLE_ROWS_MAX as u32),
                colwidth: None,
            };
            self.push_frame(FrameKind::Cell { header, attrs, implicit: false });
        } else {
            // A cell of a flattened table: separated from the row's text before it.
            self.cell();
            self.opened.push(Opened::FlatCell);
        }
    }

    /// Finishes implicit frames on top of the stack while `which` says so.
    fn finish_implicit(&mut self, which: impl Fn(&FrameKind) -> bool) {
        while self.stack.last().is_some_and(|f| f.is_implicit() && which(&f.kind)) {
            self.finish_frame();
        }
    }

    fn top_is(&self, which: impl Fn(&FrameKind) -> bool) -> bool {
        self.stack.last().is_some_and(|f| which(&f.kind))
    }

    /// Closes the container opened last.
    pub fn close(&mut self) {
        let opened = self.opened.pop();
        if opened == Some(Opened::FlatCell) {
            return;
        }
        self.end_block();
        match opened {
            Some(Opened::Frame) => {}
            _ => return,
        }
        while self.stack.last().is_some_and(Frame::is_implicit) {
            self.finish_frame();
        }
        self.finish_frame();
    }

    /// Opens a container, to be closed by undoing the returned [`Exit`].
    pub fn enter_container(&mut self, container: Container) -> Exit {
        self.open(container);
        Exit::Close
    }

    /// Starts a paragraph or heading, to be ended by undoing the returned [`Exit`].
    pub fn enter_block(&mut self, kind: TextKind) -> Exit {
        self.begin_block(kind);
        Exit::EndBlock
    }

    /// Starts a mark, to be ended by undoing the returned [`Exit`].
    pub fn enter_mark(&mut self, mark: MarkKind) -> Exit {
        self.push_mark(mark);
        Exit::Mark(mark)
    }

    /// Starts a link when the address is allowed; the text is kept either way.
    pub fn enter_link(&mut self, href: &str) -> Exit {
        if self.push_link(href) {
            Exit::Link
        } else {
            Exit::Nothing
        }
    }

    /// Undoes what entering a node did.
    pub fn undo(&mut self, exit: Exit) {
        match exit {
            Exit::Nothing => {}
            Exit::EndBlock => self.end_block(),
            Exit::Close => self.close(),
            Exit::Mark(m) => self.pop_mark(m),
            Exit::Link => self.pop_link(),
            Exit::Pre => {
                self.preformatted(false);
                self.end_block();
            }
        }
    }

    /// Starts a paragraph or heading, ending the one open.
    pub fn begin_block(&mut self, kind: TextKind) {
        self.end_block();
        self.ensure_block_context();
        let kind = match kind {
            TextKind::Heading(_) if self.in_cells > 0 => TextKind::Paragraph,
            TextKind::Heading(level) => TextKind::Heading(level.clamp(2, 4)),
            k => k,
        };
        self.block = Some(TextBlock { kind, content: Vec::new(), has_text: false });
    }

    /// Ends the open paragraph or heading, if any; an empty one is dropped.
    pub fn end_block(&mut self) {
        self.pending = Pending::None;
        let Some(TextBlock { kind, mut content, .. }) = self.block.take() else { return };
        trim_inlines(&mut content);
        if content.is_empty() {
            return;
        }
        let block = match kind {
            TextKind::Paragraph => Block::Paragraph { content },
            TextKind::Heading(level) => Block::Heading { attrs: HeadingAttrs { level }, content },
        };
        self.push_block(block);
    }

    /// A picture stored by the caller, addressed by its SHA-256 (dropped inside a table cell).
    pub fn image(&mut self, attrs: ImageAttrs) {
        self.end_block();
        self.ensure_block_context();
        self.push_block(Block::Image { attrs });
    }

    /// A horizontal rule.
    pub fn rule(&mut self) {
        self.end_block();
        self.ensure_block_context();
        self.push_block(Block::HorizontalRule);
    }

    /// A hard line break inside the open paragraph (ignored outside one).
    pub fn hard_break(&mut self) {
        let collapse = self.collapse && self.pre == 0;
        let Some(block) = self.block.as_mut() else { return };
        if collapse {
            trim_trailing_space(&mut block.content);
        }
        self.pending = Pending::None;
        block.content.push(Inline::HardBreak);
    }

    /// A new table cell: the next visible text is separated from the row's text before it.
    pub fn cell(&mut self) {
        self.pending = Pending::Cell;
    }

    /// Enters (`true`) or leaves (`false`) preformatted text.
    pub fn preformatted(&mut self, on: bool) {
        if on {
            self.pre = self.pre.saturating_add(1);
        } else {
            self.pre = self.pre.saturating_sub(1);
        }
    }

    pub fn push_mark(&mut self, mark: MarkKind) {
        let d = &mut self.mark_depth[mark as usize];
        *d = d.saturating_add(1);
        self.update_marks();
    }

    pub fn pop_mark(&mut self, mark: MarkKind) {
        let d = &mut self.mark_depth[mark as usize];
        *d = d.saturating_sub(1);
        self.update_marks();
    }

    /// Opens a link; returns false (and opens nothing) when the address is not allowed,
    /// in which case the caller must not call [`DocBuilder::pop_link`].
    pub fn push_link(&mut self, href: &str) -> bool {
        let href = href.trim();
        if !crate::model::doc::is_allowed_href(href) {
            return false;
        }
        self.links.push(href.to_string());
        self.update_marks();
        true
    }

    pub fn pop_link(&mut self) {
        self.links.pop();
        self.update_marks();
    }

    /// Adds text to the open paragraph, starting one if needed.
    pub fn text(&mut self, s: &str) {
        for c in s.chars() {
            self.char(c);
        }
    }

    fn char(&mut self, c: char) {
        let pre = self.pre > 0;
        if pre && (c == '\n' || c == '\r') {
            if c == '\n' && self.block.is_some() {
                self.hard_break();
            }
            return;
        }
        // HTML collapses ASCII white space only; other spaces (U+3000) are characters.
        let collapsible = !pre
            && if self.collapse { matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') } else { matches!(c, '\n' | '\r') };
        if collapsible {
            if matches!(self.pending, Pending::None) && self.block_has_text() {
                self.pending = Pending::Space(self.marks.clone());
            }
            return;
        }
        let c = match c {
            '\u{00A0}' => ' ',
            '\t' if !pre => ' ',
            '\t' => '\t',
            '\u{FEFF}' => return,
            c if c.is_control() => return,
            c => c,
        };
        if self.block.is_none() {
            // White space never opens a paragraph: it would be trimmed anyway.
            if c.is_whitespace() {
                return;
            }
            self.begin_block(TextKind::Paragraph);
        }
        self.flush_pending();
        self.append(c);
    }

    /// Writes what is owed (a collapsed space or a cell separator) before visible text.
    fn flush_pending(&mut self) {
        match std::mem::replace(&mut self.pending, Pending::None) {
            Pending::None => {}
            Pending::Space(marks) => {
                if self.block_has_text() && !self.ends_with_space_or_break() {
                    self.append_with(" ", marks);
                }
            }
            Pending::Cell => {
                if self.block_has_text() && !self.ends_with_break() {
                    if let Some(b) = self.block.as_mut() {
                        trim_trailing_space(&mut b.content);
                    }
                    self.append_with(CELL_SEPARATOR, Vec::new());
                }
            }
        }
    }

    /// Appends one character under the current marks.
    fn append(&mut self, c: char) {
        let Some(block) = self.block.as_mut() else { return };
        block.has_text = true;
        if let Some(Inline::Text { text, marks }) = block.content.last_mut() {
            if *marks == self.marks {
                text.push(c);
                return;
            }
        }
        block.content.push(Inline::Text { text: c.to_string(), marks: self.marks.clone() });
    }

    fn append_with(&mut self, s: &str, marks: Vec<Mark>) {
        let Some(block) = self.block.as_mut() else { return };
        block.has_text = true;
        if let Some(Inline::Text { text, marks: m }) = block.content.last_mut() {
            if *m == marks {
                text.push_str(s);
                return;
            }
        }
        block.content.push(Inline::Text { text: s.to_string(), marks });
    }

    fn block_has_text(&self) -> bool {
        self.block.as_ref().is_some_and(|b| b.has_text)
    }

    fn ends_with_break(&self) -> bool {
        matches!(self.block.as_ref().and_then(|b| b.content.last()), Some(Inline::HardBreak))
    }

    fn ends_with_space_or_break(&self) -> bool {
        match self.block.as_ref().and_then(|b| b.content.last()) {
            Some(Inline::HardBreak) => true,
            Some(Inline::Text { text, .. }) => text.ends_with(' '),
            None => true,
        }
    }

    fn update_marks(&mut self) {
        let mut marks = Vec::new();
        let code = self.mark_depth[MarkKind::Code as usize] > 0;
        let link = self.links.last();
        if !code || link.is_some() {
            for (kind, mark) in [(MarkKind::Bold, Mark::Bold), (MarkKind::Italic, Mark::Italic), (MarkKind::Strike, Mark::Strike)] {
                if self.mark_depth[kind as usize] > 0 {
                    marks.push(mark);
                }
            }
        } else {
            marks.push(Mark::Code);
        }
        if let Some(href) = link {
            marks.push(Mark::Link { attrs: LinkAttrs { href: href.clone() } });
        }
        self.marks = marks;
    }

    fn top_is_list(&self) -> bool {
        self.stack.last().is_some_and(Frame::is_list)
    }

    fn top_is_implicit_item(&self) -> bool {
        self.stack.last().is_some_and(|f| matches!(f.kind, FrameKind::Item { implicit: true }))
    }

    /// Content about to go directly into a list gets an item of its own; into a table, a
    /// row and a cell; into a row, a cell.
    fn ensure_block_context(&mut self) {
        if self.top_is_list() {
            self.stack.push(Frame::new(FrameKind::Item { implicit: true }));
        }
        if self.top_is(|k| matches!(k, FrameKind::Table)) {
            self.stack.push(Frame::new(FrameKind::Row { implicit: true }));
        }
        if self.top_is(|k| matches!(k, FrameKind::Row { .. })) {
            self.in_cells += 1;
            self.stack.push(Frame::new(FrameKind::Cell { header: false, attrs: CellAttrs::default(), implicit: true }));
        }
    }

    fn push_block(&mut self, block: Block) {
        let Some(top) = self.stack.last_mut() else { return };
        if top.is_list() {
            top.items.push(ListItem { content: vec![block] });
        } else if matches!(top.kind, FrameKind::Cell { .. }) {
            match block {
                Block::Paragraph { .. } => top.blocks.push(block),
                Block::Heading { content, .. } => top.blocks.push(Block::Paragraph { content }),
                _ => {}
            }
        } else {
            top.blocks.push(block);
        }
    }

    /// Pops the top frame (never the root) and hands what it built to its parent.
    fn finish_frame(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        let Some(frame) = self.stack.pop() else { return };
        match frame.kind {
            FrameKind::Root => {}
            FrameKind::Blockquote => {
                if !frame.blocks.is_empty() {
                    self.push_block(Block::Blockquote { content: frame.blocks });
                }
            }
            FrameKind::BulletList => {
                if !frame.items.is_empty() {
                    self.push_block(Block::BulletList { content: frame.items });
                }
            }
            FrameKind::OrderedList(start) => {
                if !frame.items.is_empty() {
                    self.push_block(Block::OrderedList {
                        attrs: OrderedListAttrs { start },
                        content: frame.items,
                    });
                }
            }
            FrameKind::Cell { header, attrs, .. } => {
                self.in_cells = self.in_cells.saturating_sub(1);
                let mut content = frame.blocks;
                if content.is_empty() {
                    content.push(Block::Paragraph { content: Vec::new() });
                }
                let cell = if header {
                    TableCell::TableHeader { attrs, content }
                } else {
                    TableCell::TableCell { attrs, content }
                };
                if let Some(parent) = self.stack.last_mut() {
                    parent.cells.push(cell);
                }
            }
            FrameKind::Row { .. } => {
                if frame.cells.is_empty() {
                    return;
                }
                if let Some(parent) = self.stack.last_mut() {
                    parent.rows.push(TableRow { content: frame.cells });
                }
            }
            FrameKind::Table => {
                let rows = frame.rows;
                let has_text = rows.iter().flat_map(|r| &r.content).any(|c| {
                    c.content().iter().any(|b| matches!(b, Block::Paragraph { content } if !content.is_empty()))
                });
                if !has_text {
                    return;
                }
                if within_limits(&rows) {
                    self.push_block(Block::Table { content: rows });
                } else {
                    for row in rows {
                        if let Some(p) = row_paragraph(row) {
                            self.push_block(p);
                        }
                    }
                }
            }
            FrameKind::Item { .. } => {
                let mut content = frame.blocks;
                if content.is_empty() {
                    return;
                }
                // The editor's list item opens with a paragraph.
                match content.first_mut() {
                    Some(Block::Paragraph { .. }) => {}
                    Some(first @ Block::Heading { .. }) => {
                        if let Block::Heading { content: inl, .. } = std::mem::replace(first, Block::HorizontalRule) {
                            *first = Block::Paragraph { content: inl };
                        }
                    }
                    _ => content.insert(0, Block::Paragraph { content: Vec::new() }),
                }
                if let Some(parent) = self.stack.last_mut() {
                    if parent.is_list() {
                        parent.items.push(ListItem { content });
                    } else {
                        parent.blocks.extend(content);
                    }
                }
            }
        }
    }

    /// Closes everything still open and returns the NFC-normalised document.
    pub fn finish(mut self) -> Doc {
        self.end_block();
        while self.stack.len() > 1 {
            self.finish_frame();
        }
        let content = self.stack.pop().map(|f| f.blocks).unwrap_or_default();
        Doc { kind: DocType::Doc, content }.normalized()
    }
}

/// A table the document schema takes ([`crate::model::limits::check_table`]).
fn within_limits(rows: &[TableRow]) -> bool {
    let mut cells = 0usize;
    for row in rows {
        let width: usize = row.content.iter().map(|c| c.attrs().colspan as usize).sum();
        if width > TABLE_COLS_MAX {
            return false;
        }
        cells += width;
    }
    rows.len() <= TABLE_ROWS_MAX && cells <= TABLE_CELLS_MAX
}

/// A row as one paragraph, its cells' text separated by ` | ` (empty cells left out).
fn row_paragraph(row: TableRow) -> Option<Block> {
    let mut content: Vec<Inline> = Vec::new();
    for cell in row.content {
        let mut first = true;
        for block in cell.content().iter() {
            let Block::Paragraph { content: inl } = block else { continue };
            if inl.is_empty() {
                continue;
            }
            if !content.is_empty() {
                let sep = if first { CELL_SEPARATOR } else { " " };
                content.push(Inline::Text { text: sep.into(), marks: Vec::new() });
            }
            first = false;
            content.extend(inl.iter().cloned());
        }
    }
    (!content.is_empty()).then_some(Block::Paragraph { content })
}

/// Drops white space and hard breaks at both ends of a paragraph.
fn trim_inlines(content: &mut Vec<Inline>) {
    trim_end(content);
    let mut start = 0;
    while let Some(item) = content.get_mut(start) {
        match item {
            Inline::HardBreak => start += 1,
            Inline::Text { text, .. } => {
                let trimmed = text.trim_start();
                if trimmed.is_empty() {
                    start += 1;
                } else {
                    if trimmed.len() != text.len() {
                        *text = trimmed.to_string();
                    }
                    break;
                }
            }
        }
    }
    content.drain(..start);
}

/// Drops white space and hard breaks at the end of a paragraph.
fn trim_end(content: &mut Vec<Inline>) {
    loop {
        trim_trailing_space(content);
        if !matches!(content.last(), Some(Inline::HardBreak)) {
            break;
        }
        content.pop();
    }
}

/// Drops white space at the end of a paragraph, up to a hard break.
fn trim_trailing_space(content: &mut Vec<Inline>) {
    while let Some(Inline::Text { text, .. }) = content.last_mut() {
        let len = text.trim_end().len();
        if len == 0 {
            content.pop();
        } else {
            text.truncate(len);
            break;
        }
    }
}

/// A string on one line: white space runs become one space, control characters go, NFC.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|&c| c != '\u{FEFF}'));
    }
    crate::text::nfc(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str, marks: Vec<Mark>) -> Inline {
        Inline::Text { text: s.into(), marks }
    }

    #[test]
    fn merges_text_with_the_same_marks_and_trims() {
        let mut b = DocBuilder::new(true);
        b.text("  하나 ");
        b.text("  둘");
        b.push_mark(MarkKind::Bold);
        b.text(" 셋 ");
        b.pop_mark(MarkKind::Bold);
        b.text(" ");
        b.hard_break();
        b.hard_break();
        let doc = b.finish();
        assert_eq!(
            doc.content,
            // The space before 셋 was inside the bold run, as in `<b> 셋 </b>`.
            vec![Block::Paragraph { content: vec![text("하나 둘", vec![]), text(" 셋", vec![Mark::Bold])] }]
        );
        doc.validate().unwrap();
    }

    #[test]
    fn content_directly_in_a_list_gets_an_item_and_empty_things_go() {
        let mut b = DocBuilder::new(true);
        b.open(Container::BulletList);
        b.text("고아");
        b.open(Container::ListItem);
        b.close();
        b.open(Container::ListItem);
        b.text("항목");
        b.close();
        b.close();
        b.open(Container::Blockquote);
        b.text("   ");
        b.close();
        let doc = b.finish();
        doc.validate().unwrap();
        let Block::BulletList { content } = &doc.content[0] else { panic!("{doc:?}") };
        assert_eq!(content.len(), 2);
        assert_eq!(doc.content.len(), 1);
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let mut b = DocBuilder::new(false);
        for _ in 0..10_000 {
            b.open(Container::Blockquote);
        }
        b.text("깊다");
        for _ in 0..10_000 {
            b.close();
        }
        let doc = b.finish();
        doc.validate().unwrap();
        assert_eq!(doc.blocks().count(), MAX_DEPTH + 1);
    }

    #[test]
    fn code_stands_alone_but_a_link_wins() {
        let mut b = DocBuilder::new(true);
        b.push_mark(MarkKind::Bold);
        b.push_mark(MarkKind::Code);
        b.text("x");
        assert!(b.push_link("https://example.com"));
        b.text("y");
        b.pop_link();
        assert!(!b.push_link("javascript:alert(1)"));
        b.text("z");
        let doc = b.finish();
        let Block::Paragraph { content } = &doc.content[0] else { panic!() };
        let link = Mark::Link { attrs: LinkAttrs { href: "https://example.com".into() } };
        assert_eq!(
            content,
            &vec![text("x", vec![Mark::Code]), text("y", vec![Mark::Bold, link]), text("z", vec![Mark::Code])]
        );
    }
}
