AllConvNet(
  (layer1): Module(
    (conv): Conv2d(3, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
    (bn): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  )
  (layer2): Module(
    (conv): Conv2d(16, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
    (bn): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  )
  (layer3): Module(
    (conv): Conv2d(32, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
    (bn): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  )
  (classifier): Conv2d(32, 10, kernel_size=(1, 1), stride=(1, 1))
)



def forward(self, x):
    layer1_conv = self.layer1.conv(x);  x = None
    layer1_bn = self.layer1.bn(layer1_conv);  layer1_conv = None
    relu = torch.nn.functional.relu(layer1_bn, inplace = False);  layer1_bn = None
    layer2_conv = self.layer2.conv(relu);  relu = None
    layer2_bn = self.layer2.bn(layer2_conv);  layer2_conv = None
    relu_1 = torch.nn.functional.relu(layer2_bn, inplace = False);  layer2_bn = None
    layer3_conv = self.layer3.conv(relu_1);  relu_1 = None
    layer3_bn = self.layer3.bn(layer3_conv);  layer3_conv = None
    relu_2 = torch.nn.functional.relu(layer3_bn, inplace = False);  layer3_bn = None
    classifier = self.classifier(relu_2);  relu_2 = None
    size = classifier.size()
    getitem = size[3];  size = None
    avg_pool2d = torch._C._nn.avg_pool2d(classifier, getitem);  classifier = getitem = None
    size_1 = avg_pool2d.size(0)
    view = avg_pool2d.view(size_1, -1);  avg_pool2d = size_1 = None
    return view
    
