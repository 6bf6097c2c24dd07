import AssayCore
import Foundation

/// A linear map from data values to drawing coordinates.
struct LinearScale {
    let domain: (low: Double, high: Double)
    let range: (low: Double, high: Double)

    init(domain low: Double, _ high: Double, range from: Double, _ to: Double) {
        domain = (low, high == low ? low + 1 : high)
        range = (from, to)
    }

    func callAsFunction(_ value: Double) -> Double {
        range.low + (value - domain.low) / (domain.high - domain.low) * (range.high - range.low)
    }

    /// Round-numbered ticks covering the domain: about `count` of them, at steps of 1, 2,
    /// 2.5 or 5 times a power of ten.
    func ticks(_ count: Int) -> [Double] {
        let span = domain.high - domain.low
        let raw = span / Double(max(1, count))
        let power = pow(10, (log10(raw)).rounded(.down))
        let step = [1, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= raw } ?? raw
        var ticks: [Double] = []
        var tick = (domain.low / step).rounded(.up) * step
        while tick <= domain.high + step * 1e-9 {
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return ticks
    }
}

/// The plot area of a chart inside its drawing: the drawing's size and the margins left
/// for axes, labels and titles.
struct ChartFrame {
    let width: Double
    let height: Double
    let top: Double, right: Double, bottom: Double, left: Double

    var plotLeft: Double { left }
    var plotRight: Double { width - right }
    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }
}

/// SVG chart primitives: elements as text, every piece of text escaped, coordinates to one
/// decimal. Styles come from the page's CSS through the class names.
enum SVG {
    typealias Point = (x: Double, y: Double)

    /// A coordinate to one decimal, without a trailing ".0".
    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.1f", rounded)
    }

    /// A whole drawing, `content` inside; `label` is its accessible name and its tooltip.
    static func drawing(id: String? = nil, classes: String, width: Double, height: Double, label: String,
                        attributes: [(String, String)] = [], content: String) -> String {
        var open = "<svg xmlns=\"http://www.w3.org/2000/svg\""
        if let id { open += " id=\"\(HTML.escape(id))\"" }
        open += " class=\"\(HTML.escape(classes))\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\""
        open += " role=\"img\" aria-label=\"\(HTML.escape(label))\""
        for (name, value) in attributes { open += " \(name)=\"\(HTML.escape(value))\"" }
        return open + ">" + title(label) + content + "</svg>"
    }

    static func title(_ text: String) -> String { "<title>\(HTML.escape(text))</title>" }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, classes: String) -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" class=\"\(classes)\"/>"
    }

    static func text(_ text: String, x: Double, y: Double, anchor: String = "start", classes: String = "",
                     rotate: Double? = nil, extra: String = "") -> String {
        var element = "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\""
        if !classes.isEmpty { element += " class=\"\(classes)\"" }
        if let rotate { element += " transform=\"rotate(\(n(rotate)) \(n(x)) \(n(y)))\"" }
        return element + extra + ">" + HTML.escape(text) + "</text>"
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, classes: String = "", fill: String? = nil,
                     tooltip: String? = nil) -> String {
        var element = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\""
        if !classes.isEmpty { element += " class=\"\(classes)\"" }
        if let fill { element += " fill=\"\(fill)\"" }
        guard let tooltip else { return element + "/>" }
        return element + ">" + title(tooltip) + "</rect>"
    }

    static func circle(_ x: Double, _ y: Double, r: Double, classes: String, tooltip: String? = nil) -> String {
        let element = "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\" class=\"\(classes)\""
        guard let tooltip else { return element + "/>" }
        return element + ">" + title(tooltip) + "</circle>"
    }

    /// A diamond: the mark of a point outside its limits (shape, not only colour).
    static func diamond(_ x: Double, _ y: Double, r: Double, classes: String, tooltip: String? = nil) -> String {
        let d = "M\(n(x)) \(n(y - r))L\(n(x + r)) \(n(y))L\(n(x)) \(n(y + r))L\(n(x - r)) \(n(y))Z"
        let element = "<path d=\"\(d)\" class=\"\(classes)\""
        guard let tooltip else { return element + "/>" }
        return element + ">" + title(tooltip) + "</path>"
    }

    /// A triangle pointing up (more than expected) or down (fewer): the direction is in the
    /// shape, so it survives greyscale.
    static func triangle(_ x: Double, _ y: Double, r: Double, up: Bool, classes: String, tooltip: String? = nil) -> String {
        let tip = up ? y - r : y + r, base = up ? y + r * 0.7 : y - r * 0.7
        let d = "M\(n(x)) \(n(tip))L\(n(x + r)) \(n(base))L\(n(x - r)) \(n(base))Z"
        let element = "<path d=\"\(d)\" class=\"\(classes)\""
        guard let tooltip else { return element + "/>" }
        return element + ">" + title(tooltip) + "</path>"
    }

    /// A line through the points in order.
    static func polyline(_ points: [Point], classes: String, extra: String = "") -> String {
        guard let first = points.first else { return "" }
        var d = "M\(n(first.x)) \(n(first.y))"
        for point in points.dropFirst() { d += "L\(n(point.x)) \(n(point.y))" }
        return "<path d=\"\(d)\" class=\"\(classes)\"\(extra)/>"
    }

    /// The area between an upper and a lower line over the same x values.
    static func band(upper: [Point], lower: [Point], classes: String) -> String {
        guard let first = upper.first else { return "" }
        var d = "M\(n(first.x)) \(n(first.y))"
        for point in upper.dropFirst() { d += "L\(n(point.x)) \(n(point.y))" }
        for point in lower.reversed() { d += "L\(n(point.x)) \(n(point.y))" }
        return "<path d=\"\(d)Z\" class=\"\(classes)\"/>"
    }

    /// Runs of consecutive present values: a line is broken where a month has no audits.
    static func runs<T>(_ values: [T?]) -> [[T]] {
        var runs: [[T]] = []
        var current: [T] = []
        for value in values {
            if let value {
                current.append(value)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// A series with its interval band: for each x, an optional (value, low, high); the
    /// band and the line break where a value is missing, and each value gets a point.
    static func lineWithBand(_ values: [(x: Double, value: Double, low: Double, high: Double, tooltip: String)?],
                             y: LinearScale, radius: Double = 2.4) -> String {
        var out = ""
        for run in runs(values) {
            if run.count == 1 {
                // One month alone: its interval as a bar.
                let v = run[0]
                out += rect(x: v.x - 2.5, y: y(v.high), width: 5, height: max(0.5, y(v.low) - y(v.high)), classes: "band")
            } else {
                out += band(upper: run.map { ($0.x, y($0.high)) }, lower: run.map { ($0.x, y($0.low)) }, classes: "band")
            }
        }
        for run in runs(values) where run.count > 1 {
            out += polyline(run.map { ($0.x, y($0.value)) }, classes: "series")
        }
        for value in values.compactMap({ $0 }) {
            out += circle(value.x, y(value.value), r: radius, classes: "point", tooltip: value.tooltip)
        }
        return out
    }

    /// Horizontal grid lines with labels at the left of the plot area.
    static func yAxis(_ frame: ChartFrame, _ scale: LinearScale, ticks: [Double], label: (Double) -> String,
                      title axisTitle: String? = nil) -> String {
        var out = ""
        for tick in ticks {
            let y = scale(tick)
            out += line(frame.plotLeft, y, frame.plotRight, y, classes: "grid")
            out += text(label(tick), x: frame.plotLeft - 4, y: y + 3.5, anchor: "end", classes: "tick")
        }
        out += line(frame.plotLeft, frame.plotTop, frame.plotLeft, frame.plotBottom, classes: "axis")
        if let axisTitle {
            out += text(axisTitle, x: 12, y: (frame.plotTop + frame.plotBottom) / 2, anchor: "middle", classes: "axis-title", rotate: -90)
        }
        return out
    }

    /// The x axis line with labelled ticks below the plot area.
    static func xAxis(_ frame: ChartFrame, ticks: [(x: Double, label: String)], title axisTitle: String? = nil) -> String {
        var out = line(frame.plotLeft, frame.plotBottom, frame.plotRight, frame.plotBottom, classes: "axis")
        for tick in ticks {
            out += line(tick.x, frame.plotBottom, tick.x, frame.plotBottom + 3, classes: "axis")
            out += text(tick.label, x: tick.x, y: frame.plotBottom + 14, anchor: "middle", classes: "tick")
        }
        if let axisTitle {
            out += text(axisTitle, x: (frame.plotLeft + frame.plotRight) / 2, y: frame.height - 4, anchor: "middle", classes: "axis-title")
        }
        return out
    }

    /// "Nov 2026": a month on an axis (English month names, whatever the machine's locale).
    static func monthLabel(_ month: Month, short: Bool = false) -> String {
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return names[month.month - 1] + " " + (short ? String(month.year % 100).leftPadded(2) : String(month.year))
    }

    /// A clip path to the plot area (lines that leave it are cut at its edge).
    static func clip(id: String, _ frame: ChartFrame) -> String {
        "<defs><clipPath id=\"\(HTML.escape(id))\">"
            + rect(x: frame.plotLeft, y: frame.plotTop, width: frame.plotRight - frame.plotLeft, height: frame.plotBottom - frame.plotTop)
            + "</clipPath></defs>"
    }

    /// Funnel limit curves: one line per limit, each through (n, limit) for every n given.
    static func curves(_ lines: [(points: [Point], classes: String)]) -> String {
        lines.map { polyline($0.points, classes: $0.classes) }.joined()
    }

    /// Steps along per-month limits: each month's limit is level from half a month before
    /// it to half a month after, and the steps join.
    static func steps(_ levels: [(x: Double, y: Double)], halfWidth: Double, classes: String) -> String {
        var points: [Point] = []
        for level in levels {
            points.append((level.x - halfWidth, level.y))
            points.append((level.x + halfWidth, level.y))
        }
        return polyline(points, classes: classes)
    }
}

extension String {
    /// The string with zeros in front up to `width` characters.
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
