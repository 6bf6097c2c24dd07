import Foundation
import Testing

/// The tools the `report html` tests read the page with, as a reader's browser and printer
/// would: headless Chromium (its DOM, its layout at a given width, its A4 print), poppler's
/// pdftotext and pdfinfo, and Python's html5lib (an HTML5 parser). All are installed by
/// Scripts/setup; a test that lacks one fails and says so.
enum ReportHTMLBrowser {
    static func chromiumFlags(_ profile: String) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile]
    }

    /// chromium (Debian's name) or chromium-browser on PATH.
    static func chromium() -> String? {
        executable("chromium") ?? executable("chromium-browser")
    }

    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":").map { "\($0)/\(name)" } + ["/usr/bin/\(name)"])
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A python3 that can import html5lib: Debian's (python3-html5lib) first, since a python3
    /// earlier on PATH (pyenv, a virtual environment) may not have it.
    static func pythonWithHTML5Lib() throws -> String? {
        for candidate in ["/usr/bin/python3", executable("python3")].compactMap({ $0 }) where FileManager.default.isExecutableFile(atPath: candidate) {
            if try tool(candidate, ["-c", "import html5lib"]).status == 0 { return candidate }
        }
        return nil
    }

    /// Every parse error html5lib reports, and every id used more than once, one a line;
    /// empty when the markup is clean.
    static let validator = """
        import sys, collections, html5lib
        parser = html5lib.HTMLParser(namespaceHTMLElements=False)
        tree = parser.parse(open(sys.argv[1], 'rb').read())
        for position, code, values in parser.errors:
            print('parse error at line %d, column %d: %s %s' % (position[0], position[1], code, values))
        ids = collections.Counter(element.get('id') for element in tree.iter() if element.get('id') is not None)
        for name, count in sorted(ids.items()):
            if count > 1:
                print('id %s used %d times' % (name, count))
        """

    /// A page that measures the report laid out at each width, as a phone and a desktop
    /// browser would: the report in an iframe of that width (a headless window is at least
    /// 500 pixels wide, so the iframe is what is 390), with a copy of the report that posts
    /// its own `scrollWidth` and viewport width to this page, which writes them into its DOM
    /// for `--dump-dom`. The report itself has no script; only the copy measured here does.
    static func widthHarness(report: String, copy: String, widths: [Int]) throws -> String {
        let html = try String(contentsOfFile: report, encoding: .utf8)
        let probe = "<script>parent.postMessage(window.innerWidth + ':' + document.documentElement.scrollWidth, '*')</script></body>"
        try html.replacingOccurrences(of: "</body>", with: probe).write(toFile: copy, atomically: true, encoding: .utf8)
        let frames = widths.map { "<iframe src=\"\(URL(fileURLWithPath: copy).lastPathComponent)\" style=\"width:\($0)px;height:900px;border:0\"></iframe>" }
        return """
            <!DOCTYPE html><html><body style="margin:0">
            <script>addEventListener('message', function (e) { var p = document.createElement('p'); p.className = 'measured'; p.textContent = e.data; document.body.appendChild(p) })</script>
            \(frames.joined(separator: "\n"))
            </body></html>
            """
    }

    /// Runs a tool to completion (killed after `timeout` seconds), both pipes read as it runs.
    static func tool(_ path: String, _ arguments: [String], timeout: TimeInterval = 120) throws -> AssayBinary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        nonisolated(unsafe) var errData = Data()
        let errThread = Thread { errData = errPipe.fileHandleForReading.readDataToEndOfFile() }
        errThread.start()
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        while errThread.isExecuting || !errThread.isFinished { usleep(1000) }
        return AssayBinary.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                  stderr: String(decoding: errData, as: UTF8.self))
    }
}
