//! A small bounded XML tree for the readers of DOCX and HWPX parts.
//!
//! Built on quick-xml, which expands no entity a document declares itself: a `<!DOCTYPE>`
//! with entity definitions (the "billion laughs") is skipped, and a reference to a custom
//! entity becomes nothing. Only the five predefined entities and character references are
//! resolved. At most [`MAX_NODES`] nodes and [`MAX_DEPTH`] levels: a deeper or larger part
//! is refused, so walking the tree recursively is safe.
use quick_xml::events::Event;

/// Most nodes (elements and text) of one part.
pub(crate) const MAX_NODES: usize = 1_000_000;
/// Deepest element nesting of one part.
pub(crate) const MAX_DEPTH: usize = 200;

#[derive(Debug, Default)]
pub(crate) struct Node {
    /// The local name (no prefix); empty for a text node.
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<usize>,
    pub text: String,
}

#[derive(Debug)]
pub(crate) struct Dom {
    pub nodes: Vec<Node>,
}

fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_string()
}

impl Dom {
    /// Parses `src`; `what` names the document in messages.
    pub(crate) fn parse(src: &str, what: &str) -> Result<Dom, String> {
        let mut reader = quick_xml::Reader::from_str(src);
        let mut nodes = vec![Node::default()];
        let mut stack = vec![0usize];
        let damaged = || format!("the {what} is damaged: one of its XML parts does not parse");
        loop {
            let ev = reader.read_event().map_err(|_| damaged())?;
            if nodes.len() >= MAX_NODES {
                return Err(format!("the {what} is too large to read (over {MAX_NODES} XML nodes in one part)"));
            }
            let parent = *stack.last().unwrap_or(&0);
            let opened = matches!(ev, Event::Start(_));
            match ev {
                Event::Start(e) | Event::Empty(e) => {
                    let attrs = e
                        .attributes()
                        .flatten()
                        .map(|a| (local(a.key.as_ref()), a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map(|v| v.into_owned()).unwrap_or_default()))
                        .collect();
                    let id = nodes.len();
                    nodes.push(Node { name: local(e.name().as_ref()), attrs, ..Node::default() });
                    nodes[parent].children.push(id);
                    if opened {
                        stack.push(id);
                        if stack.len() > MAX_DEPTH {
                            return Err(format!("the {what} is nested too deeply to read (over {MAX_DEPTH} levels)"));
                        }
                    }
                }
                Event::End(_) => {
                    if stack.len() > 1 {
                        stack.pop();
                    }
                }
                Event::Text(t) => push_text(&mut nodes, parent, &t.xml_content(quick_xml::XmlVersion::Implicit1_0)),
                Event::CData(t) => push_text(&mut nodes, parent, t.as_ref()),
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        _ => match r.as_ref() {
                            "amp" => Some('&'),
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "quot" => Some('"'),
                            "apos" => Some('\''),
                            // A custom entity: never expanded.
                            _ => None,
                        },
                    };
                    if let Some(c) = resolved {
                        push_text(&mut nodes, parent, c.encode_utf8(&mut [0; 4]));
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(Dom { nodes })
    }

    pub(crate) fn root(&self) -> usize {
        0
    }

    pub(crate) fn name(&self, id: usize) -> &str {
        &self.nodes[id].name
    }

    pub(crate) fn children(&self, id: usize) -> &[usize] {
        &self.nodes[id].children
    }

    pub(crate) fn attr(&self, id: usize, name: &str) -> Option<&str> {
        self.nodes[id].attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The first child element named `name`.
    pub(crate) fn child(&self, id: usize, name: &str) -> Option<usize> {
        self.children(id).iter().copied().find(|&c| self.name(c) == name)
    }

    /// Every descendant element named `name`, in document order (not below a match).
    pub(crate) fn find_all(&self, id: usize, name: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack: Vec<usize> = self.children(id).iter().rev().copied().collect();
        while let Some(n) = stack.pop() {
            if self.name(n) == name {
                out.push(n);
            } else {
                stack.extend(self.children(n).iter().rev());
            }
        }
        out
    }

    /// The first descendant element named `name`.
    pub(crate) fn find(&self, id: usize, name: &str) -> Option<usize> {
        self.find_all(id, name).into_iter().next()
    }

    /// All text below a node.
    pub(crate) fn text(&self, id: usize) -> String {
        let mut out = String::new();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            out.push_str(&self.nodes[n].text);
            stack.extend(self.children(n).iter().rev());
        }
        out
    }

}

fn push_text(nodes: &mut Vec<Node>, parent: usize, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(&last) = nodes[parent].children.last() {
        if nodes[last].name.is_empty() {
            nodes[last].text.push_str(s);
            return;
        }
    }
    let id = nodes.len();
    nodes.push(Node { text: s.to_string(), ..Node::default() });
    nodes[parent].children.push(id);
}
