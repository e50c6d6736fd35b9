//! `reykjavik serve` end to end: it prints its URL, answers on loopback with the page and its
//! security headers, warns when bound elsewhere, and refuses a port it cannot bind.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

mod common;

/// Starts `reykjavik serve ARGS` and returns the child and the URL it printed.
fn serve(args: &[&str]) -> (Child, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("reykjavik"))
        .arg("serve")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_string();
    (child, url)
}

/// A plain HTTP/1.1 GET; returns the whole response text.
fn http_get(url: &str, path: &str) -> String {
    let host = url.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = TcpStream::connect(host).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    text
}

#[test]
fn serve_on_a_free_port_answers_with_the_page_and_its_policy() {
    let (mut child, url) = serve(&["--port", "0"]);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let page = http_get(&url, "/");
    let traversal = http_get(&url, "/assets/../Cargo.toml");
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("content-security-policy: default-src 'none'; script-src 'self'"));
    assert!(page.contains("<script type=\"module\" src=\"/assets/app.js\"></script>"));
    assert!(traversal.starts_with("HTTP/1.1 404"), "{traversal}");
}

#[test]
fn serve_elsewhere_than_loopback_warns() {
    let (mut child, _) = serve(&["--port", "0", "--host", "0.0.0.0"]);
    child.kill().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    child.wait().unwrap();
    assert!(
        stderr.contains("warning: --host 0.0.0.0: the server is reachable from the network"),
        "{stderr}"
    );
}

#[test]
fn serve_on_a_taken_port_is_bad_input() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    common::rejects(&["serve", "--port", &port], "cannot serve on 127.0.0.1:");
}
