import Foundation

/// Places point labels on a chart so that no two labels overlap, and no label covers a
/// point: the funnel plot's team numbers sit among dozens of points at similar sizes and
/// rates, and a number printed over another is unreadable on paper, where no tooltip helps.
///
/// Each label tries positions around its point, nearest first (right, left, above, below,
/// and the diagonals), at growing distances; the first that stays inside the plot and clear
/// of every point and every label already placed wins. A label placed away from its point
/// gets a leader line back to it. Points are placed in the order given (put the ones that
/// matter most, the flagged, first), so they get the nearest places.
struct LabelPlacer {
    struct Box: Equatable {
        var x: Double, y: Double, width: Double, height: Double

        func intersects(_ other: Box) -> Bool {
            x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height
        }
    }

    struct Placement: Equatable {
        /// Where the text starts (its baseline's left end).
        let textX: Double
        let baseline: Double
        let box: Box
        /// Whether the label sits away from its point and needs a leader line.
        let needsLeader: Bool
    }

    /// The plot area labels must stay in.
    let bounds: Box
    /// The radius around each point kept clear.
    let pointRadius: Double
    /// Height of a label's text and the width of one character (9.5 px digits: about 5.6 px).
    let textHeight: Double
    let characterWidth: Double

    /// Boxes of labels placed so far, and the points' own boxes.
    private(set) var taken: [Box] = []

    init(bounds: Box, points: [(x: Double, y: Double)], pointRadius: Double = 5, textHeight: Double = 9, characterWidth: Double = 5.6) {
        self.bounds = bounds
        self.pointRadius = pointRadius
        self.textHeight = textHeight
        self.characterWidth = characterWidth
        taken = points.map { Box(x: $0.x - pointRadius, y: $0.y - pointRadius, width: 2 * pointRadius, height: 2 * pointRadius) }
    }

    /// The place for `text` beside the point at (x, y); it is then taken.
    mutating func place(_ text: String, x: Double, y: Double) -> Placement {
        let width = Double(text.count) * characterWidth + 2, height = textHeight
        // Directions: right, left, above, below, then the diagonals (unit offsets).
        let directions: [(Double, Double)] = [(1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1)]
        for step in 0..<40 {
            let gap = pointRadius + 1 + Double(step) * 4
            for (dx, dy) in directions {
                // The box's centre at `gap` from the point, beyond its half size.
                let cx = x + dx * (gap + width / 2), cy = y + dy * (gap + height / 2)
                let box = Box(x: cx - width / 2, y: cy - height / 2, width: width, height: height)
                guard box.x >= bounds.x, box.y >= bounds.y, box.x + box.width <= bounds.x + bounds.width,
                      box.y + box.height <= bounds.y + bounds.height, !taken.contains(where: { $0.intersects(box) }) else { continue }
                taken.append(box)
                return Placement(textX: box.x + 1, baseline: box.y + height - 1.5, box: box, needsLeader: step > 1)
            }
        }
        // Nowhere clear (a plot far too small for its points): beside the point, as before.
        let box = Box(x: x + pointRadius, y: y - height, width: width, height: height)
        taken.append(box)
        return Placement(textX: box.x + 1, baseline: box.y + height - 1.5, box: box, needsLeader: false)
    }
}
