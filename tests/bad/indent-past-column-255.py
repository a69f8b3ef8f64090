# expect: 71:257: indented past column 255
# 62 nested ifs, 4 columns each: the innermost block starts at column 257,
# which tree-sitter-python's scanner cannot keep (CPython refuses this
# too: more than 99 levels of indentation).
import torch.nn as nn
class Net(nn.Module):
    def forward(self, x):
        n = 1
        if n:
            if n:
                if n:
                    if n:
                        if n:
                            if n:
                                if n:
                                    if n:
                                        if n:
                                            if n:
                                                if n:
                                                    if n:
                                                        if n:
                                                            if n:
                                                                if n:
                                                                    if n:
                                                                        if n:
                                                                            if n:
                                                                                if n:
                                                                                    if n:
                                                                                        if n:
                                                                                            if n:
                                                                                                if n:
                                                                                                    if n:
                                                                                                        if n:
                                                                                                            if n:
                                                                                                                if n:
                                                                                                                    if n:
                                                                                                                        if n:
                                                                                                                            if n:
                                                                                                                                if n:
                                                                                                                                    if n:
                                                                                                                                        if n:
                                                                                                                                            if n:
                                                                                                                                                if n:
                                                                                                                                                    if n:
                                                                                                                                                        if n:
                                                                                                                                                            if n:
                                                                                                                                                                if n:
                                                                                                                                                                    if n:
                                                                                                                                                                        if n:
                                                                                                                                                                            if n:
                                                                                                                                                                                if n:
                                                                                                                                                                                    if n:
                                                                                                                                                                                        if n:
                                                                                                                                                                                            if n:
                                                                                                                                                                                                if n:
                                                                                                                                                                                                    if n:
                                                                                                                                                                                                        if n:
                                                                                                                                                                                                            if n:
                                                                                                                                                                                                                if n:
                                                                                                                                                                                                                    if n:
                                                                                                                                                                                                                        if n:
                                                                                                                                                                                                                            if n:
                                                                                                                                                                                                                                if n:
                                                                                                                                                                                                                                    if n:
                                                                                                                                                                                                                                        if n:
                                                                                                                                                                                                                                            if n:
                                                                                                                                                                                                                                                if n:
                                                                                                                                                                                                                                                    if n:
                                                                                                                                                                                                                                                        if n:
                                                                                                                                                                                                                                                            if n:
                                                                                                                                                                                                                                                                x = x + 1
        return x
