//! `reykjavik serve`: the web explorer on a local port (crates/web, docs/web.md).

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use clap::Args;

use crate::Failure;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port to listen on; 0 picks a free port (the URL is printed).
    #[arg(long, default_value_t = 8765)]
    port: u16,
    /// Address to bind. The default, 127.0.0.1, is reachable from this machine only; any other
    /// address exposes the server to the network (a warning is printed).
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    host: IpAddr,
    /// Open the page in the default browser.
    #[arg(long)]
    open: bool,
    /// Longest computation of one request, in seconds.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
    deadline: u64,
}

pub fn run(args: ServeArgs) -> Result<String, Failure> {
    if !args.host.is_loopback() {
        eprintln!(
            "warning: --host {}: the server is reachable from the network; it has no authentication",
            args.host
        );
    }
    let config = reykjavik_web::Config {
        deadline: std::time::Duration::from_secs(args.deadline),
        ..reykjavik_web::Config::default()
    };
    let open = args.open;
    reykjavik_web::serve(SocketAddr::new(args.host, args.port), config, |addr| {
        let url = format!("http://{addr}/");
        println!("Reykjavik is serving {url} (Ctrl-C stops it)");
        std::io::stdout().flush().ok();
        if open {
            open_browser(&url);
        }
    })
    .map_err(|e| Failure::Input(format!("cannot serve on {}:{}: {e}", args.host, args.port)))?;
    Ok(String::new())
}

/// Best effort: the desktop's opener; the URL is printed anyway.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("note: cannot open a browser ({opener}: {e}); open {url} yourself");
    }
}
